package dev.fanout.fetcher;

import dev.fanout.v1.FetchEvent;
import dev.fanout.v1.FetchRequest;
import dev.fanout.v1.FetcherGrpc;
import dev.fanout.runtime.calls.CallContexts;
import dev.fanout.runtime.calls.CallDeadlines;
import dev.fanout.runtime.calls.CallTimeCapInterceptor;
import io.grpc.Context;
import io.grpc.InsecureChannelCredentials;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An extra fetcher for tests, without Quarkus: the same assembly (clients, strategies, pipeline) and
 * call-context interceptor behind a plain grpc-java server on a chosen address, e.g. one "pod" per
 * 127.0.0.x address.
 */
public final class StandaloneFetcher implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx();
    private final FetcherAssembly assembly;
    private final CallTimeCapInterceptor cap;
    private final Server server;

    public StandaloneFetcher(String host, int port, Map<String, String> properties) throws IOException {
        this.assembly = new FetcherAssembly(config(properties), vertx, new SimpleMeterRegistry(),
                InsecureChannelCredentials.create());
        this.cap = new CallTimeCapInterceptor(assembly.callTimeCap());
        this.server = NettyServerBuilder.forAddress(new InetSocketAddress(host, port))
                .addService(ServerInterceptors.intercept(FetcherGrpc.bindService(new Adapter(assembly.pipeline())), cap))
                .build()
                .start();
    }

    public static FetcherConfig config(Map<String, String> properties) {
        return new SmallRyeConfigBuilder()
                .withMapping(FetcherConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withConverter(MemorySize.class, 200, new MemorySizeConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                .build()
                .getConfigMapping(FetcherConfig.class);
    }

    public int port() {
        return server.getPort();
    }

    @Override
    public void close() throws Exception {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        cap.close();
        assembly.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    /**
     * fanout.v1.Fetcher on grpc-java's own stubs, relaying the pipeline's stream and a client's
     * cancel. An AsyncService, not a BindableService: Quarkus would serve the latter in its tests.
     */
    private static final class Adapter implements FetcherGrpc.AsyncService {
        private final FetchPipeline pipeline;

        Adapter(FetchPipeline pipeline) {
            this.pipeline = pipeline;
        }

        @Override
        public void fetch(FetchRequest request, StreamObserver<FetchEvent> responses) {
            ServerCallStreamObserver<FetchEvent> call = (ServerCallStreamObserver<FetchEvent>) responses;
            AtomicReference<Cancellable> subscription = new AtomicReference<>();
            call.setOnCancelHandler(() -> Optional.ofNullable(subscription.get()).ifPresent(Cancellable::cancel));
            Context context = Context.current();
            subscription.set(CallContexts.boundToEndingAtCap(context,
                            capReached -> pipeline.fetch(request, CallDeadlines.callers(context), capReached))
                    .subscribe().with(call::onNext,
                            error -> call.onError(Status.fromThrowable(error).asRuntimeException()),
                            call::onCompleted));
            if (call.isCancelled()) {
                subscription.get().cancel();
            }
        }
    }
}
