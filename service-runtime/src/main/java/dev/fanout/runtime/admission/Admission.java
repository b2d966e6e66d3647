package dev.fanout.runtime.admission;

import io.grpc.Context;
import io.grpc.StatusRuntimeException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.mutiny.subscription.MultiEmitter;
import java.time.Instant;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * The admission stage of a call's pipeline, between validation and the strategy: the call's work
 * starts only once the budget has granted it its units, and gives them back when the stream ends,
 * whichever way (completed, failed, cancelled, cut off at the time cap). A call refused by the
 * budget fails with the budget's status and never starts.
 */
public final class Admission {

    private Admission() {
    }

    /**
     * {@code work}, given the units it holds, run once {@code budget} grants them.
     *
     * @param wanted the units the call would use; it is granted {@link InFlightBudget#share} of them
     * @param deadline the caller's deadline: the call waits no longer
     */
    public static <T> Multi<T> admit(InFlightBudget budget, int wanted, Optional<Instant> deadline, IntFunction<Multi<T>> work) {
        return Multi.createFrom().emitter(emitter -> {
            Admitted<T> call = new Admitted<>(budget.ticket(wanted, deadline), emitter, work);
            emitter.onTermination(call::end);
            call.ticket.enter(call);
        });
    }

    /** One call's ticket and work; {@code end} and a grant may race, and the work never outlives its units. */
    private static final class Admitted<T> implements InFlightBudget.Listener {

        private final InFlightBudget.Ticket ticket;
        private final MultiEmitter<? super T> emitter;
        private final IntFunction<Multi<T>> work;
        /** The call's own gRPC Context, current where its work would have started without waiting. */
        private final Context context = Context.current();
        // Guarded by this.
        private Cancellable running;
        private boolean ended;

        Admitted(InFlightBudget.Ticket ticket, MultiEmitter<? super T> emitter, IntFunction<Multi<T>> work) {
            this.ticket = ticket;
            this.emitter = emitter;
            this.work = work;
        }

        /**
         * Starts the work in the call's own Context, whichever call's thread freed the units. Under
         * the lock, so an end on another thread waits until there is a subscription to cancel.
         */
        @Override
        public synchronized void granted(int units) {
            if (ended) {
                return;
            }
            try {
                context.run(() -> running = work.apply(units).subscribe().with(emitter::emit, emitter::fail, emitter::complete));
            } catch (RuntimeException failure) {
                // Thrown while the work was set up: it fails this call (which gives the units back), no other.
                emitter.fail(failure);
            }
        }

        @Override
        public void refused(StatusRuntimeException why) {
            emitter.fail(why);
        }

        /** Stops the work first, then gives its units back: the next call starts after this one stopped. */
        void end() {
            Cancellable work;
            synchronized (this) {
                ended = true;
                work = running;
            }
            if (work != null) {
                work.cancel();
            }
            ticket.close();
        }
    }
}
