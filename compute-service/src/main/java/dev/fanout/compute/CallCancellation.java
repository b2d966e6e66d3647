package dev.fanout.compute;

import io.grpc.Context;
import io.grpc.Contexts;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.Cancellable;

/** Ties a call's work to its gRPC Context: a cancelled call or a passed deadline cancels the work. */
final class CallCancellation {

    private CallCancellation() {
    }

    /**
     * {@code work}, cancelled when {@code context} is, which then fails with the context's status
     * (CANCELLED or DEADLINE_EXCEEDED) for whoever still listens.
     */
    static <T> Multi<T> boundTo(Context context, Multi<T> work) {
        return Multi.createFrom().emitter(emitter -> {
            Cancellable subscription = work.subscribe().with(emitter::emit, emitter::fail, emitter::complete);
            Context.CancellationListener listener = cancelled -> {
                subscription.cancel();
                emitter.fail(Contexts.statusFromCancelled(cancelled).asRuntimeException());
            };
            context.addListener(listener, Runnable::run);
            emitter.onTermination(() -> {
                context.removeListener(listener);
                subscription.cancel();
            });
        });
    }
}
