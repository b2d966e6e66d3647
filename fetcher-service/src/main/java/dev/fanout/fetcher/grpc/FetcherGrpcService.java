package dev.fanout.fetcher.grpc;

import dev.fanout.fetcher.FetchPipeline;
import dev.fanout.runtime.calls.CallLoop;
import dev.fanout.v1.FetchEvent;
import dev.fanout.v1.FetchRequest;
import dev.fanout.v1.Fetcher;
import io.grpc.Context;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Multi;

/**
 * The fanout.v1.Fetcher gRPC service: a thin adapter over the fetch pipeline, in the call's gRPC
 * Context; results are written on the call's event loop (CallLoop).
 */
@GrpcService
public class FetcherGrpcService implements Fetcher {

    private final FetchPipeline pipeline;

    public FetcherGrpcService(FetchPipeline pipeline) {
        this.pipeline = pipeline;
    }

    @Override
    public Multi<FetchEvent> fetch(FetchRequest request) {
        return CallLoop.emitOnCallsLoop(pipeline.fetch(request, Context.current()));
    }
}
