package dev.fanout.compute.grpc;

import dev.fanout.compute.ComputePipeline;
import dev.fanout.runtime.calls.CallLoop;
import dev.fanout.v1.Compute;
import dev.fanout.v1.SumOfSquaresEvent;
import dev.fanout.v1.SumOfSquaresRequest;
import dev.fanout.v1.SumOfSquaresResponse;
import io.grpc.Context;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * fanout.v1.Compute, a thin adapter over the compute pipeline, in the call's gRPC Context. Runs on
 * the event loop only to wire the call; the strategies do the work elsewhere, and their answers are
 * written back on the call's event loop (CallLoop).
 */
@GrpcService
public class ComputeGrpcService implements Compute {

    private final ComputePipeline pipeline;

    public ComputeGrpcService(ComputePipeline pipeline) {
        this.pipeline = pipeline;
    }

    @Override
    public Uni<SumOfSquaresResponse> sumOfSquares(SumOfSquaresRequest request) {
        return sumOfSquaresStream(request).select().last().toUni().map(SumOfSquaresEvent::getResult);
    }

    @Override
    public Multi<SumOfSquaresEvent> sumOfSquaresStream(SumOfSquaresRequest request) {
        return CallLoop.emitOnCallsLoop(pipeline.sumOfSquares(request, Context.current()));
    }
}
