package dev.fanout.runtime.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.Cancellable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The admission stage under many threads: work never holds more than the budget, and every call gives its units back once. */
class AdmissionTest {

    private static final int CAPACITY = 8;

    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService callers = Executors.newFixedThreadPool(16);
    private final ExecutorService finishers = Executors.newFixedThreadPool(4);

    @AfterEach
    void stop() {
        timers.shutdownNow();
        callers.shutdownNow();
        finishers.shutdownNow();
    }

    private enum Ending { COMPLETES, FAILS, CANCELLED_AT_ONCE, CANCELLED_WHILE_RUNNING }

    @Test
    void underManyThreadsTheBudgetHoldsAndEveryEndingGivesTheUnitsBackOnce() throws Exception {
        InFlightBudget budget = new InFlightBudget(InFlightBudgetTest.settings(CAPACITY, 100_000, Duration.ofMinutes(5)), timers);
        AtomicInteger held = new AtomicInteger();
        AtomicInteger mostHeld = new AtomicInteger();
        AtomicInteger completed = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        List<Future<?>> calls = new ArrayList<>();
        SplittableRandom seeds = new SplittableRandom(22);
        for (int i = 0; i < 4000; i++) {
            SplittableRandom random = seeds.split();
            calls.add(callers.submit(() -> {
                Ending ending = Ending.values()[random.nextInt(Ending.values().length)];
                int wanted = 1 + random.nextInt(CAPACITY + 2);
                CompletableFuture<Void> ended = new CompletableFuture<>();
                CompletableFuture<Void> started = new CompletableFuture<>();
                Multi<Integer> call = Admission.admit(budget, wanted, Optional.empty(), units -> Multi.createFrom().emitter(work -> {
                    mostHeld.accumulateAndGet(held.addAndGet(units), Math::max);
                    // The work stops holding its units before it says it ended, as a download or kernel does.
                    AtomicInteger holding = new AtomicInteger(units);
                    Runnable stop = () -> held.addAndGet(-holding.getAndSet(0));
                    work.onTermination(stop);
                    started.complete(null);
                    switch (ending) {
                        case COMPLETES -> finishers.execute(() -> {
                            work.emit(units);
                            stop.run();
                            work.complete();
                        });
                        case FAILS -> {
                            stop.run();
                            work.fail(new IllegalStateException("failed"));
                        }
                        default -> {
                            // runs until cancelled
                        }
                    }
                }));
                Cancellable subscription = call.subscribe().with(item -> {
                }, failure -> {
                    failed.incrementAndGet();
                    ended.complete(null);
                }, () -> {
                    completed.incrementAndGet();
                    ended.complete(null);
                });
                switch (ending) {
                    case CANCELLED_AT_ONCE -> subscription.cancel(); // waiting, or just started
                    case CANCELLED_WHILE_RUNNING -> {
                        started.join();
                        subscription.cancel();
                    }
                    default -> ended.join();
                }
                return null;
            }));
        }
        for (Future<?> call : calls) {
            call.get(2, TimeUnit.MINUTES);
        }
        // A completed call's subscriber hears of the end before the units come back (Mutiny's emitter
        // tells it, then runs onTermination), so a finishing thread may still be giving units back.
        finishers.shutdown();
        assertTrue(finishers.awaitTermination(1, TimeUnit.MINUTES), "the finishing threads are done");
        assertTrue(mostHeld.get() <= CAPACITY, "work held " + mostHeld.get() + " units of " + CAPACITY);
        assertEquals(CAPACITY, mostHeld.get(), "the budget was used to the full");
        assertEquals(0, held.get());
        assertEquals(0, budget.inUse(), "every unit came back, once");
        assertEquals(0, budget.waiting());
        assertTrue(completed.get() > 0 && failed.get() > 0);
    }

    @Test
    void workGrantedAfterWaitingStartsInItsOwnCallsContext() throws Exception {
        InFlightBudget budget = new InFlightBudget(InFlightBudgetTest.settings(1, 10, Duration.ofMinutes(1)), timers);
        Context.Key<String> call = Context.key("call");
        AtomicReference<Runnable> finishFirst = new AtomicReference<>();
        Context.current().withValue(call, "first").run(() -> Admission.admit(budget, 1, Optional.empty(),
                        units -> Multi.createFrom().<String>emitter(work -> finishFirst.set(work::complete)))
                .subscribe().with(item -> {
                }));
        CompletableFuture<String> secondSaw = new CompletableFuture<>();
        Context.current().withValue(call, "second").run(() -> Admission.admit(budget, 1, Optional.empty(),
                        units -> Multi.createFrom().item(() -> call.get()))
                .subscribe().with(secondSaw::complete));
        // The first call ends on a thread whose Context is another call's.
        Context.current().withValue(call, "someone else").run(() -> finishFirst.get().run());
        assertEquals("second", secondSaw.get(30, TimeUnit.SECONDS));
    }

    @Test
    void workThatThrowsWhileItIsSetUpFailsItsOwnCallAndGivesTheUnitsBack() {
        InFlightBudget budget = new InFlightBudget(InFlightBudgetTest.settings(1, 10, Duration.ofMinutes(1)), timers);
        AtomicReference<Runnable> finishFirst = new AtomicReference<>();
        Admission.admit(budget, 1, Optional.empty(), units -> Multi.createFrom().<Integer>emitter(work -> finishFirst.set(work::complete)))
                .subscribe().with(item -> {
                });
        AtomicReference<Throwable> broken = new AtomicReference<>();
        Admission.admit(budget, 1, Optional.empty(), units -> {
            throw new IllegalStateException("a bug");
        }).subscribe().with(item -> {
        }, broken::set);
        AtomicInteger third = new AtomicInteger();
        Admission.admit(budget, 1, Optional.empty(), units -> Multi.createFrom().item(units)).subscribe().with(third::set);

        finishFirst.get().run(); // grants the broken call, then the third
        assertEquals("a bug", broken.get().getMessage());
        assertEquals(1, third.get(), "the next call was not held up by the broken one");
        assertEquals(0, budget.inUse());
    }

    @Test
    void aRefusedCallNeverStartsItsWork() {
        InFlightBudget budget = new InFlightBudget(InFlightBudgetTest.settings(1, 0, Duration.ofMinutes(1)), timers);
        Admission.admit(budget, 1, Optional.empty(), units -> Multi.createFrom().<Integer>nothing()).subscribe().with(item -> {
        });
        AtomicInteger starts = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Admission.admit(budget, 1, Optional.empty(), units -> {
            starts.incrementAndGet();
            return Multi.createFrom().item(units);
        }).subscribe().with(item -> {
        }, failure::set);
        assertEquals(0, starts.get());
        assertEquals(Status.Code.RESOURCE_EXHAUSTED, ((StatusRuntimeException) failure.get()).getStatus().getCode());
    }
}
