package dev.fanout.fetcher;

import dev.fanout.v1.FetchEvent;
import dev.fanout.v1.FetchRequest;
import dev.fanout.v1.Fetcher;
import io.grpc.Context;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Multi;
import jakarta.inject.Inject;
import java.util.Optional;

/** The fanout.v1.Fetcher gRPC service: a thin adapter over the fetch pipeline. */
@GrpcService
public class FetcherGrpcService implements Fetcher {

    @Inject
    FetchPipeline pipeline;

    @Override
    public Multi<FetchEvent> fetch(FetchRequest request) {
        return pipeline.fetch(request, Optional.ofNullable(Context.current().getDeadline()));
    }
}
