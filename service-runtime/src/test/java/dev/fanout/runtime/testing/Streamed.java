package dev.fanout.runtime.testing;

import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A call's answers on an async stub, for tests that must not block a thread per call. */
public final class Streamed {

    private Streamed() {
    }

    /** Collects the answers; {@code ended} completes with them, or fails with the call's failure. */
    public static <T> StreamObserver<T> into(CompletableFuture<List<T>> ended) {
        List<T> answers = new ArrayList<>();
        return new StreamObserver<>() {
            @Override
            public void onNext(T answer) {
                answers.add(answer);
            }

            @Override
            public void onError(Throwable failure) {
                ended.completeExceptionally(failure);
            }

            @Override
            public void onCompleted() {
                ended.complete(answers);
            }
        };
    }
}
