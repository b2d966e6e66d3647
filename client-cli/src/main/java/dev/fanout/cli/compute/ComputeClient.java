package dev.fanout.cli.compute;

import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;

import dev.fanout.cli.support.ProgressBar;
import dev.fanout.cli.support.ServiceChannel;
import dev.fanout.v1.ComputeGrpc;
import dev.fanout.v1.ComputeGrpc.ComputeBlockingStub;
import dev.fanout.v1.SumOfSquaresEvent;
import dev.fanout.v1.SumOfSquaresRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/** Calls Compute with a deadline per call and times each call from the client's side. */
public final class ComputeClient {
    private final ServiceChannel channel;
    private final Duration deadline;
    private final ComputeBlockingStub stub;

    public ComputeClient(ServiceChannel channel, Duration deadline) {
        this.channel = channel;
        this.deadline = deadline;
        this.stub = ComputeGrpc.newBlockingStub(channel.channel());
    }

    /** One unary call; gRPC failures surface as StatusRuntimeException for the caller to judge. */
    public ComputeOutcome call(SumOfSquaresRequest request) {
        long start = System.nanoTime();
        var response = stub.withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS).sumOfSquares(request);
        return new ComputeOutcome(response, (System.nanoTime() - start) / 1e6);
    }

    /**
     * The same work through SumOfSquaresStream, moving the bar as parts finish. Falls back to the
     * unary call on a service that does not stream.
     */
    public ComputeOutcome callWithProgress(SumOfSquaresRequest request, ProgressBar bar) {
        long start = System.nanoTime();
        try {
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
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
                return call(request);
            }
            throw e;
        } finally {
            bar.finish();
        }
    }

    public ServiceChannel channel() {
        return channel;
    }

    public Duration deadline() {
        return deadline;
    }
}
