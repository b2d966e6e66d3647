package dev.fanout.runtime;

import io.grpc.reflection.v1.MutinyServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.quarkus.grpc.GrpcService;
import io.quarkus.grpc.reflection.service.ReflectionServiceV1;
import io.smallrye.mutiny.Multi;
import jakarta.inject.Provider;

/**
 * grpc.reflection.v1, answered from the documented descriptors, so grpcurl {@code describe} shows
 * the contract's comments. Replaces Quarkus's own reflection service (left disabled), whose
 * descriptors come from generated code and carry no comments.
 */
@GrpcService
public class DocumentedReflectionV1 extends MutinyServerReflectionGrpc.ServerReflectionImplBase {

    private final Provider<ServedServices> served;
    private volatile ReflectionServiceV1 delegate;

    public DocumentedReflectionV1(Provider<ServedServices> served) {
        this.served = served;
    }

    @Override
    public Multi<ServerReflectionResponse> serverReflectionInfo(Multi<ServerReflectionRequest> requests) {
        if (delegate == null) {
            delegate = new ReflectionServiceV1(served.get().definitions());
        }
        return delegate.serverReflectionInfo(requests);
    }
}
