package dev.fanout.cli.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import dev.fanout.v1.FetchEvent;
import dev.fanout.v1.FetchRequest;
import dev.fanout.v1.FetchResult;
import dev.fanout.v1.FetcherGrpc.FetcherStub;
import dev.fanout.v1.FetcherGrpc;
import io.grpc.ClientInterceptor;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;

/**
 * Calls Fetcher with a deadline per call, handing each result over as it streams in; a failed call is a {@link CallFailure}.
 *
 * <p>On the asynchronous stub, each result is handed over on the channel's own thread as it is read
 * (a direct executor): the blocking stub's iterator took each result through two more threads (the
 * channel's executor, then the caller's, which asked for the next one only then), and those
 * wake-ups were most of {@code fanout}'s CPU per result, as much as the fetcher spends on the URL.
 * {@code onResult} runs on that thread, one result at a time, in order.
 */
public final class FetchClient {
    private final ServiceChannel channel;
    private final FetcherStub stub;
    private final Duration deadline;

    /** {@code interceptors}: what every call sends besides the request (e.g. a {@link TraceParent}). */
    public FetchClient(ServiceChannel channel, Duration deadline, ClientInterceptor... interceptors) {
        this.channel = channel;
        this.stub = FetcherGrpc.newStub(channel.channel()).withInterceptors(interceptors).withExecutor(Runnable::run);
        this.deadline = deadline;
    }

    public FetchOutcome fetch(FetchRequest request, Consumer<FetchResult> onResult) {
        return channel.call(deadline, () -> {
            Results results = new Results(request.getUrlsCount(), onResult);
            stub.withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS).fetch(request, results);
            try {
                return results.outcome.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException failure ? failure : e;
            }
        });
    }

    /** The call's results as they come, then its outcome at the summary (the last message). */
    private static final class Results implements StreamObserver<FetchEvent> {
        private final long start = System.nanoTime();
        private final List<FetchResult> results;
        private final Consumer<FetchResult> onResult;
        private final CompletableFuture<FetchOutcome> outcome = new CompletableFuture<>();

        Results(int urls, Consumer<FetchResult> onResult) {
            this.results = new ArrayList<>(urls);
            this.onResult = onResult;
        }

        @Override
        public void onNext(FetchEvent event) {
            if (event.hasSummary()) {
                outcome.complete(new FetchOutcome(results, event.getSummary(), (System.nanoTime() - start) / 1e6));
            } else {
                results.add(event.getResult());
                onResult.accept(event.getResult());
            }
        }

        @Override
        public void onError(Throwable failure) {
            outcome.completeExceptionally(failure);
        }

        @Override
        public void onCompleted() {
            outcome.completeExceptionally(Status.INTERNAL.withDescription("the stream ended without a summary").asRuntimeException());
        }
    }
}
