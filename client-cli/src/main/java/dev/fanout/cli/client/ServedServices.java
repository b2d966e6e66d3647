package dev.fanout.cli.client;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.fanout.v1.ComputeGrpc;
import dev.fanout.v1.FetcherGrpc;
import io.grpc.Channel;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.StreamObserver;

/**
 * The gRPC services an address serves, as its server reflection lists them (Fanout's services serve
 * grpc.reflection.v1). Asked only after a call ended UNIMPLEMENTED, to tell "this address is the
 * other service" from "this service cannot run that mode".
 */
final class ServedServices {
    private static final long ASK_SECONDS = 3;

    /** The listed names; null when the server has no reflection or did not answer in time. */
    private final List<String> names;

    private ServedServices(List<String> names) {
        this.names = names;
    }

    static ServedServices ask(Channel channel) {
        CompletableFuture<List<String>> listed = new CompletableFuture<>();
        StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(channel)
                .withDeadlineAfter(ASK_SECONDS, TimeUnit.SECONDS)
                .serverReflectionInfo(new StreamObserver<>() {
                    @Override
                    public void onNext(ServerReflectionResponse response) {
                        listed.complete(response.getListServicesResponse().getServiceList().stream().map(ServiceResponse::getName).toList());
                    }

                    @Override
                    public void onError(Throwable t) {
                        listed.completeExceptionally(t);
                    }

                    @Override
                    public void onCompleted() {
                        listed.complete(null);
                    }
                });
        requests.onNext(ServerReflectionRequest.newBuilder().setListServices("*").build());
        requests.onCompleted();
        try {
            return new ServedServices(listed.get(ASK_SECONDS + 1, TimeUnit.SECONDS));
        } catch (ExecutionException | TimeoutException e) {
            // No reflection there (or no answer): nothing is known, and the caller reports the call's own status.
            return new ServedServices(null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ServedServices(null);
        }
    }

    /** What the address is, when it is known and does not serve {@code grpcName}. */
    Optional<String> describeIfNot(String grpcName) {
        if (names == null || names.contains(grpcName)) {
            return Optional.empty();
        }
        if (names.contains(ComputeGrpc.SERVICE_NAME)) {
            return Optional.of("a Fanout " + Service.COMPUTE.app());
        }
        if (names.contains(FetcherGrpc.SERVICE_NAME)) {
            return Optional.of("a Fanout " + Service.FETCHER.app());
        }
        // Leave out the plumbing every server may carry (health, reflection): the rest says what it is.
        List<String> own = names.stream().filter(n -> !n.startsWith("grpc.")).toList();
        return Optional.of(own.isEmpty() ? "a gRPC server with no application services" : "a gRPC server of " + String.join(", ", own));
    }
}
