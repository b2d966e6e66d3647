package dev.fanout.fetcher;

import dev.fanout.v1.FetchEvent;
import dev.fanout.v1.FetchMode;
import dev.fanout.v1.FetchRequest;
import dev.fanout.v1.FetchResult;
import dev.fanout.v1.FetchSummary;
import dev.fanout.v1.FetcherGrpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A real gRPC client of a fetcher, for tests: one call, all events collected. */
public final class FetchCalls implements AutoCloseable {

    private final ManagedChannel channel;

    public FetchCalls(String host, int port) {
        this(ManagedChannelBuilder.forAddress(host, port).usePlaintext().build());
    }

    /** Closing these calls closes {@code channel}: leave them open where its opener closes it. */
    public FetchCalls(ManagedChannel channel) {
        this.channel = channel;
    }

    public FetcherGrpc.FetcherBlockingStub stub() {
        return FetcherGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS);
    }

    public static FetchRequest request(FetchMode mode, int concurrency, Duration timeout, List<String> urls) {
        FetchRequest.Builder request = FetchRequest.newBuilder().setMode(mode).setConcurrency(concurrency).addAllUrls(urls);
        if (timeout != null) {
            request.setTimeout(com.google.protobuf.Duration.newBuilder()
                    .setSeconds(timeout.getSeconds()).setNanos(timeout.getNano()));
        }
        return request.build();
    }

    public Outcome fetch(FetchRequest request) {
        List<FetchEvent> events = new ArrayList<>();
        stub().fetch(request).forEachRemaining(events::add);
        return new Outcome(events);
    }

    /** A call that streams events and then fails: the events, and how the call ended. */
    public record Ended(Outcome outcome, StatusRuntimeException failure) {
    }

    /** One call expected to fail after streaming: what it streamed until then, and the failure. */
    public Ended fetchUntilFailure(FetchRequest request) {
        List<FetchEvent> events = new ArrayList<>();
        try {
            stub().fetch(request).forEachRemaining(events::add);
        } catch (StatusRuntimeException failure) {
            return new Ended(new Outcome(events), failure);
        }
        throw new AssertionError("the call ended OK after " + events.size() + " events");
    }

    /** The events of one call: results (in arrival order) and the closing summary. */
    public record Outcome(List<FetchEvent> events) {

        public List<FetchResult> results() {
            return events.stream().filter(FetchEvent::hasResult).map(FetchEvent::getResult).toList();
        }

        public List<FetchResult> byIndex() {
            return results().stream().sorted(Comparator.comparingInt(FetchResult::getIndex)).toList();
        }

        public FetchSummary summary() {
            FetchEvent last = events.getLast();
            if (!last.hasSummary()) {
                throw new AssertionError("the last event is not the summary: " + last);
            }
            return last.getSummary();
        }
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
}
