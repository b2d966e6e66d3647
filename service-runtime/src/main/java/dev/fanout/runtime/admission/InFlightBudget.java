package dev.fanout.runtime.admission;

import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * A process-wide budget of in-flight work (downloads, kernels, worker parts), shared fairly by every
 * call. A call takes a {@link Ticket} for the units it will use and enters: it holds them at once if
 * they are free and nobody waits before it; otherwise it waits in a first-in, first-out queue (no
 * call overtakes an earlier one, so a large call is never starved by small ones) for at most
 * {@code max-wait} and never past its deadline. A full queue refuses at once. Closing the ticket
 * (however the call ends) gives the units back, or leaves the queue, exactly once.
 *
 * <p>Framework-free: listeners are told outside the lock, on the thread that freed the units, timed
 * the call out, or entered.
 */
public final class InFlightBudget {

    /** How a ticket learns its fate: exactly one of these is called, at most once. */
    public interface Listener {
        void granted(int units);

        void refused(StatusRuntimeException why);
    }

    /** Why calls were refused, for the metrics. */
    public enum Refusal {
        QUEUE_FULL, WAITED_TOO_LONG, DEADLINE
    }

    private final BudgetSettings settings;
    private final ScheduledExecutorService timers;
    private final LongAdder[] refused = new LongAdder[Refusal.values().length];

    // Guarded by this.
    private int inUse;
    private final ArrayDeque<Ticket> queue = new ArrayDeque<>();

    /** {@code timers} times the waits out; it is not shut down here. */
    public InFlightBudget(BudgetSettings settings, ScheduledExecutorService timers) {
        this.settings = settings;
        this.timers = timers;
        for (Refusal refusal : Refusal.values()) {
            refused[refusal.ordinal()] = new LongAdder();
        }
    }

    public BudgetSettings settings() {
        return settings;
    }

    /** The units a call that would use {@code wanted} reserves: never more than the whole budget, at least 1. */
    public int share(int wanted) {
        return Math.clamp(wanted, 1, settings.capacity());
    }

    /** A ticket for {@link #share}({@code wanted}) units; it waits no later than {@code deadline}. */
    public Ticket ticket(int wanted, Optional<Instant> deadline) {
        return new Ticket(share(wanted), deadline);
    }

    public synchronized int inUse() {
        return inUse;
    }

    public synchronized int waiting() {
        return queue.size();
    }

    public long refused(Refusal why) {
        return refused[why.ordinal()].sum();
    }

    /** Gives the oldest waiting tickets their units while they fit. Holds the lock; grants run after it. */
    private void grantWaiting(List<Runnable> after) {
        for (Ticket head = queue.peekFirst(); head != null && inUse + head.units <= settings.capacity(); head = queue.peekFirst()) {
            queue.pollFirst();
            after.add(head.hold());
        }
    }

    private static void run(List<Runnable> after) {
        after.forEach(Runnable::run);
    }

    /** One call's claim on the budget. */
    public final class Ticket {

        private enum State { NEW, WAITING, HOLDING, CLOSED }

        private final int units;
        private final Optional<Instant> deadline;
        // Guarded by InFlightBudget.this.
        private State state = State.NEW;
        private Listener listener;
        private ScheduledFuture<?> timeout;

        private Ticket(int units, Optional<Instant> deadline) {
            this.units = units;
            this.deadline = deadline;
        }

        public int units() {
            return units;
        }

        /**
         * Takes the units now, or queues for them, or is refused. Nothing happens if the ticket was
         * closed before (the call ended first).
         */
        public void enter(Listener listener) {
            List<Runnable> after = new ArrayList<>();
            synchronized (InFlightBudget.this) {
                if (state != State.NEW) {
                    return;
                }
                this.listener = listener;
                if (queue.isEmpty() && inUse + units <= settings.capacity()) {
                    after.add(hold());
                } else if (queue.size() >= settings.maxWaiting()) {
                    after.add(refuse(Refusal.QUEUE_FULL, BudgetRefusals.queueFull(settings)));
                } else {
                    Duration untilDeadline = deadline.map(at -> Duration.between(Instant.now(), at)).orElse(settings.maxWait());
                    boolean deadlineFirst = untilDeadline.compareTo(settings.maxWait()) < 0;
                    Duration wait = deadlineFirst ? untilDeadline : settings.maxWait();
                    if (wait.isNegative() || wait.isZero()) {
                        after.add(refusal(deadlineFirst));
                    } else {
                        state = State.WAITING;
                        queue.addLast(this);
                        timeout = timers.schedule(() -> expire(deadlineFirst), wait.toNanos(), TimeUnit.NANOSECONDS);
                    }
                }
            }
            run(after);
        }

        /** Gives the units back if held, leaves the queue if waiting; once, however often it is called. */
        public void close() {
            List<Runnable> after = new ArrayList<>();
            synchronized (InFlightBudget.this) {
                switch (state) {
                    case NEW, CLOSED -> {
                    }
                    case WAITING -> {
                        queue.remove(this);
                        timeout.cancel(false);
                        grantWaiting(after); // it may have been the head that held the others back
                    }
                    case HOLDING -> {
                        inUse -= units;
                        grantWaiting(after);
                    }
                }
                state = State.CLOSED;
            }
            run(after);
        }

        private void expire(boolean deadlineFirst) {
            List<Runnable> after = new ArrayList<>();
            synchronized (InFlightBudget.this) {
                if (state != State.WAITING) {
                    return;
                }
                queue.remove(this);
                after.add(refusal(deadlineFirst));
                grantWaiting(after);
            }
            run(after);
        }

        /** Holds the lock. */
        private Runnable hold() {
            state = State.HOLDING;
            inUse += units;
            if (timeout != null) {
                timeout.cancel(false);
            }
            Listener told = listener;
            return () -> told.granted(units);
        }

        /** Holds the lock. */
        private Runnable refusal(boolean deadlineFirst) {
            return deadlineFirst ? refuse(Refusal.DEADLINE, BudgetRefusals.deadlineWhileWaiting(settings, units))
                    : refuse(Refusal.WAITED_TOO_LONG, BudgetRefusals.waitedTooLong(settings, units));
        }

        /** Holds the lock. */
        private Runnable refuse(Refusal why, StatusRuntimeException status) {
            state = State.CLOSED;
            refused[why.ordinal()].increment();
            Listener told = listener;
            return () -> told.refused(status);
        }
    }
}
