package dev.fanout.runtime;

import grpc.reflection.v1alpha.MutinyServerReflectionGrpc;
import grpc.reflection.v1alpha.Reflection.ServerReflectionRequest;
import grpc.reflection.v1alpha.Reflection.ServerReflectionResponse;
import io.quarkus.grpc.GrpcService;
import io.quarkus.grpc.reflection.service.ReflectionServiceV1alpha;
import io.smallrye.mutiny.Multi;
import jakarta.inject.Provider;

/** grpc.reflection.v1alpha for older clients, answered like {@link DocumentedReflectionV1}. */
@GrpcService
public class DocumentedReflectionV1alpha extends MutinyServerReflectionGrpc.ServerReflectionImplBase {

    private final Provider<ServedServices> served;
    private volatile ReflectionServiceV1alpha delegate;

    public DocumentedReflectionV1alpha(Provider<ServedServices> served) {
        this.served = served;
    }

    @Override
    public Multi<ServerReflectionResponse> serverReflectionInfo(Multi<ServerReflectionRequest> requests) {
        if (delegate == null) {
            delegate = new ReflectionServiceV1alpha(served.get().definitions());
        }
        return delegate.serverReflectionInfo(requests);
    }
}
