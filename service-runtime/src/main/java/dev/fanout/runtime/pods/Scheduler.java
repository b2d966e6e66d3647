package dev.fanout.runtime.pods;

import dev.fanout.runtime.Backoff;
import io.grpc.Status;
import io.smallrye.mutiny.Multi;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * Who runs what: waiting parts, oldest call first, go to the least loaded worker with room (so a
 * faster worker, freeing its places sooner, pulls more parts); a failed try is retried after an
 * exponential backoff with jitter; a straggler gets a speculative copy (first to finish wins, the
 * other is cancelled); a worker that fails or straggles is benched.
 *
 * <p>Every method that changes state holds {@code lock}; what reaches other code (starting and
 * cancelling worker calls, emitting) is collected in {@code after} and run once it is released.
 * A worker call is started by whichever thread freed its place, so it must not depend on that
 * thread's io.grpc.Context: Attempt starts it under Context.ROOT.
 */
final class Scheduler {

    /** Failures another worker may not have; the part is exact wherever it runs. */
    private static final Set<Status.Code> RETRYABLE = Set.of(Status.Code.UNAVAILABLE, Status.Code.CANCELLED,
            Status.Code.UNKNOWN, Status.Code.INTERNAL, Status.Code.ABORTED, Status.Code.RESOURCE_EXHAUSTED);

    private final String pool;
    private final PodsSettings settings;
    private final Membership membership;
    private final PodsClock clock;
    private final Backoff backoff;
    private final RandomGenerator random;
    private final Object lock;
    private final List<FanoutCall<?>> calls = new ArrayList<>();

    Scheduler(String pool, PodsSettings settings, Membership membership, PodsClock clock, RandomGenerator random, Object lock) {
        this.pool = pool;
        this.settings = settings;
        this.membership = membership;
        this.clock = clock;
        this.backoff = new Backoff(settings.backoff(), settings.backoff().multipliedBy(16));
        this.random = random;
        this.lock = lock;
    }

    void add(FanoutCall<?> call) {
        locked(after -> {
            calls.add(call);
            dispatch(after);
        });
    }

    /** Gives waiting parts to workers with room: after a worker joined, or on the straggler tick. */
    void dispatch() {
        locked(this::dispatch);
    }

    /** The call completed, failed or was cancelled: cancel what still runs for it. */
    void end(FanoutCall<?> call) {
        locked(after -> {
            call.over = true;
            calls.remove(call);
            for (PartRun<?> part : call.parts) {
                List.copyOf(part.running).forEach(running -> cancel(running, after));
            }
            dispatch(after);
        });
    }

    /** Runs a copy of each part that runs far longer than its call's finished parts; benches their workers. */
    void speculate() {
        locked(after -> {
            long now = clock.nanoTime();
            calls.forEach(call -> Stragglers.mark(call, now, settings));
            dispatch(after); // also picks up workers whose bench has passed
        });
    }

    /** Runs {@code change} with the lock held, then what it collected to run without it. */
    private void locked(Consumer<List<Runnable>> change) {
        List<Runnable> after = new ArrayList<>();
        synchronized (lock) {
            change.accept(after);
        }
        after.forEach(Runnable::run);
    }

    private void dispatch(List<Runnable> after) {
        for (FanoutCall<?> call : List.copyOf(calls)) {
            dispatch(call, after);
        }
    }

    private <R> void dispatch(FanoutCall<R> call, List<Runnable> after) {
        if (membership.workers().isEmpty()) {
            // Nothing to wait for: each waiting part's try fails now, and is retried after its backoff.
            for (PartRun<R> part; !call.over && (part = call.waiting.pollFirst()) != null; ) {
                if (!part.done) {
                    part.attempts++;
                    failed(call, part, Status.UNAVAILABLE, after);
                }
            }
            return;
        }
        long now = clock.nanoTime();
        boolean everyWorkerBenched = membership.workers().stream().allMatch(worker -> worker.benched(now));
        for (var waiting = call.waiting.iterator(); !call.over && waiting.hasNext(); ) {
            PartRun<R> part = waiting.next();
            if (part.done) {
                waiting.remove();
                continue;
            }
            Worker worker = pick(part, now, everyWorkerBenched);
            if (worker != null) {
                waiting.remove();
                start(call, part, worker, now, after);
            }
        }
    }

    private Worker pick(PartRun<?> part, long now, boolean everyWorkerBenched) {
        Worker best = null;
        for (Worker worker : membership.workers()) {
            boolean usable = worker.hasRoom(settings.inFlightPerWorker()) && !part.runsOn(worker)
                    && (everyWorkerBenched || !worker.benched(now));
            if (usable && (best == null || worker.inFlight < best.inFlight
                    || worker.inFlight == best.inFlight && worker.lastGiven < best.lastGiven)) {
                best = worker;
            }
        }
        return best;
    }

    private <R> void start(FanoutCall<R> call, PartRun<R> part, Worker worker, long now, List<Runnable> after) {
        boolean speculative = !part.running.isEmpty();
        boolean retry = !speculative && part.attempts > 0;
        part.attempts++;
        worker.inFlight++;
        worker.lastGiven = now;
        PodsObserver.AttemptObserver observer = call.observer.attemptStarted(new PodsObserver.AttemptInfo(
                pool, worker.name, part.part.describe(), part.attempts, speculative, retry));
        Running<R> running = new Running<>(call, part, worker, observer, now);
        part.running.add(running);
        Attempt attempt = new Attempt(worker.name, observer.channel(worker.channel), part.attempts, call.deadline);
        after.add(() -> running.subscribed(Multi.createFrom().deferred(() -> part.part.attempt(attempt))
                .subscribe().with(result -> reported(running, result), failure -> failed(running, failure),
                        () -> finished(running))));
    }

    private <R> void reported(Running<R> running, R result) {
        if (running.part.part.firstReport(result)) {
            running.call.emit(result);
        }
    }

    private <R> void finished(Running<R> running) {
        locked(after -> {
            if (!release(running, Status.OK)) {
                return;
            }
            FanoutCall<R> call = running.call;
            PartRun<R> part = running.part;
            running.worker.proven(); // it answered: it is alive
            if (!part.done && !call.over) {
                part.done = true;
                call.durations.add(clock.nanoTime() - running.started);
                List.copyOf(part.running).forEach(other -> cancel(other, after));
                after.add(call::partEnded);
            }
            dispatch(after);
        });
    }

    /** The worker call failed; a try this fan-out cancelled was released already and ends here. */
    private <R> void failed(Running<R> running, Throwable failure) {
        Status status = Status.fromThrowable(failure);
        locked(after -> {
            if (!release(running, status)) {
                return;
            }
            FanoutCall<R> call = running.call;
            if (!call.over && !running.part.done) {
                if (status.getCode() == Status.Code.DEADLINE_EXCEEDED) {
                    // The caller's deadline: no worker can finish in time, so nothing more starts.
                    call.over = true;
                    after.add(() -> call.fail(Status.DEADLINE_EXCEEDED.withDescription("the call's deadline passed before part "
                            + running.part.part.describe() + " finished on " + running.worker.name).asRuntimeException()));
                } else {
                    if (RETRYABLE.contains(status.getCode())) {
                        running.worker.bench(clock.nanoTime());
                    }
                    running.part.failedOn.add(running.worker.name);
                    failed(call, running.part, status, after);
                }
            }
            dispatch(after);
        });
    }

    /** A try of {@code part} failed with {@code status}: try again after a backoff, or give up. */
    private <R> void failed(FanoutCall<R> call, PartRun<R> part, Status status, List<Runnable> after) {
        if (!part.running.isEmpty()) {
            return; // a speculative copy still runs: it is the retry
        }
        if (RETRYABLE.contains(status.getCode()) && part.attempts < settings.maxAttempts()) {
            clock.schedule(backoff.before(part.attempts, random), () -> retry(call, part));
            return;
        }
        part.done = true;
        PartFailure why = part.failure(status);
        after.add(() -> {
            try {
                part.part.giveUp(why).stream().filter(part.part::firstReport).forEach(call::emit);
                call.partEnded();
            } catch (RuntimeException fatal) {
                call.failOnce(fatal);
            }
        });
    }

    private <R> void retry(FanoutCall<R> call, PartRun<R> part) {
        locked(after -> {
            if (!call.over && !part.done && part.running.isEmpty() && !call.waiting.contains(part)) {
                call.waiting.addFirst(part);
                dispatch(after);
            }
        });
    }

    private void cancel(Running<?> running, List<Runnable> after) {
        if (release(running, Status.CANCELLED)) {
            after.add(running::cancel);
        }
    }

    /** Frees the try's place on its worker and tells its observer how it ended; false if it was freed already. */
    private boolean release(Running<?> running, Status outcome) {
        if (!running.part.running.remove(running)) {
            return false;
        }
        running.worker.ended();
        running.observer.ended(outcome);
        return true;
    }
}
