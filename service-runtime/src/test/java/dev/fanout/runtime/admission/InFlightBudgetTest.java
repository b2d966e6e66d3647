package dev.fanout.runtime.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Any;
import com.google.rpc.ErrorInfo;
import com.google.rpc.QuotaFailure;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The budget alone: who gets units when, in what order, and what a refused call is told. */
class InFlightBudgetTest {

    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final List<String> events = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        timers.shutdownNow();
    }

    static BudgetSettings settings(int capacity, int maxWaiting, Duration maxWait) {
        return new BudgetSettings("things", "things at once in this test", "ask for fewer things", capacity, maxWaiting,
                maxWait, "fanout.test.admission");
    }

    private InFlightBudget.Ticket enter(InFlightBudget budget, String name, int wanted) {
        return enter(budget, name, wanted, Optional.empty());
    }

    private InFlightBudget.Ticket enter(InFlightBudget budget, String name, int wanted, Optional<Instant> deadline) {
        InFlightBudget.Ticket ticket = budget.ticket(wanted, deadline);
        ticket.enter(new InFlightBudget.Listener() {
            @Override
            public void granted(int units) {
                events.add(name + " holds " + units);
            }

            @Override
            public void refused(StatusRuntimeException why) {
                events.add(name + " refused " + why.getStatus().getCode());
            }
        });
        return ticket;
    }

    @Test
    void waitingCallsAreServedInArrivalOrderAndNoneOvertakes() {
        InFlightBudget budget = new InFlightBudget(settings(10, 10, Duration.ofMinutes(1)), timers);
        InFlightBudget.Ticket a = enter(budget, "a", 8);
        InFlightBudget.Ticket b = enter(budget, "b", 5);
        enter(budget, "c", 1); // would fit now, but b came first
        assertEquals(List.of("a holds 8"), events);
        assertEquals(2, budget.waiting());

        a.close();
        assertEquals(List.of("a holds 8", "b holds 5", "c holds 1"), events);
        assertEquals(6, budget.inUse());
        b.close();
        assertEquals(1, budget.inUse());
    }

    @Test
    void aCallLeavingTheHeadOfTheQueueLetsTheNextOnesIn() {
        InFlightBudget budget = new InFlightBudget(settings(10, 10, Duration.ofMinutes(1)), timers);
        enter(budget, "a", 8);
        InFlightBudget.Ticket big = enter(budget, "big", 10);
        enter(budget, "small", 2);
        big.close(); // its caller cancelled while it waited
        assertEquals(List.of("a holds 8", "small holds 2"), events);
        assertEquals(0, budget.waiting());
    }

    @Test
    void aCallNeverReservesMoreThanTheWholeBudgetNorLessThanOne() {
        InFlightBudget budget = new InFlightBudget(settings(100, 0, Duration.ZERO), timers);
        assertEquals(100, budget.share(5000));
        assertEquals(1, budget.share(0));
        assertEquals(37, budget.share(37));
        enter(budget, "huge", 5000);
        assertEquals(List.of("huge holds 100"), events);
    }

    @Test
    void closingTwiceGivesTheUnitsBackOnce() {
        InFlightBudget budget = new InFlightBudget(settings(4, 10, Duration.ofMinutes(1)), timers);
        InFlightBudget.Ticket a = enter(budget, "a", 3);
        enter(budget, "b", 1);
        a.close();
        a.close();
        assertEquals(1, budget.inUse());
        enter(budget, "c", 4); // had a's units come back twice, c would hold them now
        assertEquals(1, budget.waiting());
    }

    @Test
    void aTicketClosedBeforeItEntersNeverHoldsUnits() {
        InFlightBudget budget = new InFlightBudget(settings(4, 10, Duration.ofMinutes(1)), timers);
        InFlightBudget.Ticket ended = budget.ticket(2, Optional.empty());
        ended.close();
        ended.enter(new InFlightBudget.Listener() {
            @Override
            public void granted(int units) {
                events.add("granted");
            }

            @Override
            public void refused(StatusRuntimeException why) {
                events.add("refused");
            }
        });
        assertEquals(List.of(), events);
        assertEquals(0, budget.inUse());
    }

    @Test
    void aFullQueueRefusesAtOnceNamingTheSettingsAndWhatToDo() {
        InFlightBudget budget = new InFlightBudget(settings(2, 1, Duration.ofMinutes(1)), timers);
        enter(budget, "a", 2);
        enter(budget, "b", 1);
        StatusRuntimeException refused = refusal(budget, 1, Optional.empty());

        assertEquals(Status.Code.RESOURCE_EXHAUSTED, refused.getStatus().getCode());
        assertEquals("busy: all 2 things at once in this test (fanout.test.admission.things) are taken and 1 calls already"
                + " wait for them (fanout.test.admission.max-waiting); retry with backoff, ask for fewer things, or raise"
                + " fanout.test.admission.things (or add pods)", refused.getStatus().getDescription());
        com.google.rpc.Status details = StatusProto.fromThrowable(refused);
        ErrorInfo info = unpack(details.getDetails(0), ErrorInfo.class);
        assertEquals("IN_FLIGHT_BUDGET", info.getReason());
        assertEquals("fanout.dev", info.getDomain());
        assertEquals(Map.of("budget", "things", "limit", "2", "setting", "fanout.test.admission.things"), info.getMetadataMap());
        QuotaFailure quota = unpack(details.getDetails(1), QuotaFailure.class);
        assertEquals("fanout.test.admission.things", quota.getViolations(0).getSubject());
        assertEquals(1, budget.refused(InFlightBudget.Refusal.QUEUE_FULL));
        assertEquals(1, budget.waiting(), "the refused call did not queue");
    }

    @Test
    void aWaitingCallIsRefusedAfterMaxWaitNamingIt() {
        InFlightBudget budget = new InFlightBudget(settings(1, 10, Duration.ofMillis(20)), timers);
        enter(budget, "a", 1);
        StatusRuntimeException refused = refusal(budget, 1, Optional.empty());
        assertEquals(Status.Code.RESOURCE_EXHAUSTED, refused.getStatus().getCode());
        assertTrue(refused.getStatus().getDescription().startsWith("busy: this call waited 20ms"
                + " (fanout.test.admission.max-wait) for 1 of the 1 things at once in this test (fanout.test.admission.things)"),
                refused.getStatus()::getDescription);
        assertEquals(0, budget.waiting());
        assertEquals(1, budget.refused(InFlightBudget.Refusal.WAITED_TOO_LONG));
    }

    @Test
    void aCallWaitsNoLongerThanItsDeadline() {
        InFlightBudget budget = new InFlightBudget(settings(1, 10, Duration.ofHours(1)), timers);
        enter(budget, "a", 1);
        StatusRuntimeException passed = refusal(budget, 1, Optional.of(Instant.now().minusSeconds(1)));
        assertEquals(Status.Code.DEADLINE_EXCEEDED, passed.getStatus().getCode());
        assertEquals(0, budget.waiting(), "a call whose deadline has passed does not queue");
        StatusRuntimeException soon = refusal(budget, 1, Optional.of(Instant.now().plusMillis(20)));
        assertEquals(Status.Code.DEADLINE_EXCEEDED, soon.getStatus().getCode(), "not the hour of max-wait");
        assertTrue(soon.getStatus().getDescription().contains("deadline came while it waited"), soon.getStatus()::getDescription);
        assertEquals(2, budget.refused(InFlightBudget.Refusal.DEADLINE));
    }

    private static StatusRuntimeException refusal(InFlightBudget budget, int wanted, Optional<Instant> deadline) {
        CompletableFuture<StatusRuntimeException> refused = new CompletableFuture<>();
        budget.ticket(wanted, deadline).enter(new InFlightBudget.Listener() {
            @Override
            public void granted(int units) {
                refused.completeExceptionally(new AssertionError("granted " + units));
            }

            @Override
            public void refused(StatusRuntimeException why) {
                refused.complete(why);
            }
        });
        return refused.orTimeout(30, TimeUnit.SECONDS).join();
    }

    private static <M extends com.google.protobuf.Message> M unpack(Any any, Class<M> type) {
        try {
            return any.unpack(type);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }
}
