package dev.fanout.cli.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import dev.fanout.v1.FetchEvent;
import dev.fanout.v1.FetchRequest;
import dev.fanout.v1.FetchResult;
import dev.fanout.v1.FetcherGrpc.FetcherBlockingStub;
import dev.fanout.v1.FetcherGrpc;
import io.grpc.ClientInterceptor;
import io.grpc.Status;

/** Calls Fetcher with a deadline per call, handing each result over as it streams in; a failed call is a {@link CallFailure}. */
public final class FetchClient {
    private final ServiceChannel channel;
    private final FetcherBlockingStub stub;
    private final Duration deadline;

    /** {@code interceptors}: what every call sends besides the request (e.g. a {@link TraceParent}). */
    public FetchClient(ServiceChannel channel, Duration deadline, ClientInterceptor... interceptors) {
        this.channel = channel;
        this.stub = FetcherGrpc.newBlockingStub(channel.channel()).withInterceptors(interceptors);
        this.deadline = deadline;
    }

    public FetchOutcome fetch(FetchRequest request, Consumer<FetchResult> onResult) {
        return channel.call(deadline, () -> {
            long start = System.nanoTime();
            Iterator<FetchEvent> events = stub.withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS).fetch(request);
            List<FetchResult> results = new ArrayList<>(request.getUrlsCount());
            while (events.hasNext()) {
                FetchEvent event = events.next();
                if (event.hasSummary()) {
                    return new FetchOutcome(results, event.getSummary(), (System.nanoTime() - start) / 1e6);
                }
                results.add(event.getResult());
                onResult.accept(event.getResult());
            }
            throw Status.INTERNAL.withDescription("the stream ended without a summary").asRuntimeException();
        });
    }
}
