package dev.fanout.cli.client;

import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;

import dev.fanout.cli.render.ProgressBar;
import dev.fanout.v1.ComputeGrpc.ComputeBlockingStub;
import dev.fanout.v1.ComputeGrpc;
import dev.fanout.v1.SumOfSquaresEvent;
import dev.fanout.v1.SumOfSquaresRequest;
import io.grpc.ClientInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/** Calls Compute with a deadline per call and times each call from the client's side; a failed call is a {@link CallFailure}. */
public final class ComputeClient {
    private final ServiceChannel channel;
    private final Duration deadline;
    private final ComputeBlockingStub stub;

    /** {@code interceptors}: what every call sends besides the request (e.g. a {@link TraceParent}). */
    public ComputeClient(ServiceChannel channel, Duration deadline, ClientInterceptor... interceptors) {
        this.channel = channel;
        this.deadline = deadline;
        this.stub = ComputeGrpc.newBlockingStub(channel.channel()).withInterceptors(interceptors);
    }

    /** One unary call. */
    public ComputeOutcome call(SumOfSquaresRequest request) {
        return channel.call(deadline, () -> unary(request));
    }

    /**
     * The same work through SumOfSquaresStream, moving the bar as parts finish. Falls back to the
     * unary call on a service that does not stream.
     */
    public ComputeOutcome callWithProgress(SumOfSquaresRequest request, ProgressBar bar) {
        try {
            return channel.call(deadline, () -> {
                try {
                    return streamed(request, bar);
                } catch (StatusRuntimeException e) {
                    if (e.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
                        return unary(request);
                    }
                    throw e;
                }
            });
        } finally {
            bar.finish();
        }
    }

    private ComputeOutcome unary(SumOfSquaresRequest request) {
        long start = System.nanoTime();
        var response = stub.withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS).sumOfSquares(request);
        return new ComputeOutcome(response, (System.nanoTime() - start) / 1e6);
    }

    private ComputeOutcome streamed(SumOfSquaresRequest request, ProgressBar bar) {
        long start = System.nanoTime();
        Iterator<SumOfSquaresEvent> events = stub.withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS)
                .sumOfSquaresStream(request);
        while (events.hasNext()) {
            SumOfSquaresEvent event = events.next();
            if (event.hasResult()) {
                return new ComputeOutcome(event.getResult(), (System.nanoTime() - start) / 1e6);
            }
            bar.update(event.getProgress().getPartsDone(), event.getProgress().getPartsTotal());
        }
        throw Status.INTERNAL.withDescription("the stream ended without a result").asRuntimeException();
    }
}
