package dev.fanout.runtime.pods;

import dev.fanout.runtime.calls.CallDeadlines;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Context;
import io.grpc.MethodDescriptor;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import io.smallrye.mutiny.Multi;
import java.time.Instant;
import java.util.Optional;

/**
 * One run of a part on one worker.
 *
 * @param worker the worker's address, {@code ip:port}
 * @param number the part's try, from 1 (speculative copies count)
 * @param deadline the caller's deadline, passed on to the worker
 */
public record Attempt(String worker, Channel channel, int number, Optional<Instant> deadline) {

    /**
     * A unary or server-streaming call to the worker, with the caller's deadline. Cancelling the
     * stream cancels the call, which stops the worker's work. (Quarkus's Mutiny client stubs do not
     * cancel their call when the subscription is cancelled.)
     */
    public <Q, A> Multi<A> call(MethodDescriptor<Q, A> method, Q request) {
        // Under Context.ROOT: a ClientCall attaches to the Context current where it is made, and the fan-out
        // starts this call's attempts on whichever thread freed a place, with that thread's call current
        // (another user's, maybe cancelled). This attempt ends by its own call's deadline and cancel alone.
        return Multi.createFrom().emitter(emitter -> Context.ROOT.run(() -> {
            ClientCall<Q, A> call = channel.newCall(method, CallDeadlines.options(deadline));
            emitter.onTermination(() -> call.cancel("the coordinator no longer needs this part", null));
            StreamObserver<A> answers = new StreamObserver<>() {
                @Override
                public void onNext(A answer) {
                    emitter.emit(answer);
                }

                @Override
                public void onError(Throwable failure) {
                    if (!emitter.isCancelled()) { // after a cancel, this is the cancel's own echo
                        emitter.fail(failure);
                    }
                }

                @Override
                public void onCompleted() {
                    emitter.complete();
                }
            };
            if (method.getType() == MethodDescriptor.MethodType.UNARY) {
                ClientCalls.asyncUnaryCall(call, request, answers);
            } else {
                ClientCalls.asyncServerStreamingCall(call, request, answers);
            }
        }));
    }
}
