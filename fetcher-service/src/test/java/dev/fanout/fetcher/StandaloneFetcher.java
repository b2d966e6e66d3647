package dev.fanout.fetcher;

import dev.fanout.v1.FetchEvent;
import dev.fanout.v1.FetchRequest;
import dev.fanout.v1.FetcherGrpc;
import dev.fanout.fetcher.download.BlockingDownloader;
import dev.fanout.fetcher.download.DownloadTimers;
import dev.fanout.fetcher.download.ReactiveDownloader;
import dev.fanout.fetcher.mode.FetchStrategy;
import dev.fanout.fetcher.mode.PlatformThreads;
import dev.fanout.fetcher.mode.PodsStrategy;
import dev.fanout.fetcher.mode.ReactiveStrategy;
import dev.fanout.fetcher.mode.SequentialStrategy;
import dev.fanout.fetcher.mode.ThreadPoolStrategy;
import dev.fanout.fetcher.mode.VirtualThreadStrategy;
import dev.fanout.fetcher.request.FetchRequestValidator;
import dev.fanout.runtime.calls.CallTimeCap;
import dev.fanout.runtime.calls.CallTimeCapInterceptor;
import dev.fanout.runtime.pods.PodsFanout;
import dev.fanout.runtime.pods.PodsMetrics;
import dev.fanout.runtime.pods.PodsSettings;
import dev.fanout.runtime.pods.PodsTarget;
import dev.fanout.runtime.pods.WorkerChannels;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An extra fetcher for tests, without Quarkus: this module's classes, built here as CDI builds them
 * in the app (clients, strategies, admission, pipeline), and the call-context interceptor behind a
 * plain grpc-java server on a chosen address, e.g. one "pod" per 127.0.0.x address.
 */
public final class StandaloneFetcher implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx();
    private final DownloadTimers timers = new DownloadTimers("fetch-timeouts");
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final CallTimeCapInterceptor cap;
    private final Server server;

    public StandaloneFetcher(String host, int port, Map<String, String> properties) throws IOException {
        FetcherConfig config = config(properties);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        BlockingDownloader blocking = new BlockingDownloader(FetcherBeans.downloadSettings(config),
                FetcherBeans.targetResolver(config), timers);
        resources.add(blocking);
        ReactiveDownloader reactive = new ReactiveDownloader(FetcherBeans.downloadSettings(config),
                FetcherBeans.targetResolver(config), vertx);
        resources.add(reactive);
        PlatformThreads threads = new PlatformThreads();
        resources.add(threads);
        List<FetchStrategy> strategies = new ArrayList<>(List.of(new SequentialStrategy(blocking, threads),
                new ThreadPoolStrategy(blocking, threads), new VirtualThreadStrategy(blocking), new ReactiveStrategy(reactive)));
        config.peers().ifPresent(peers -> {
            PodsStrategy pods = new PodsStrategy(new PodsFanout("fetcher", PodsTarget.parse(peers),
                    PodsSettings.from(config.pods()), WorkerChannels.netty(InsecureChannelCredentials.create()),
                    new PodsMetrics(registry)));
            strategies.add(pods);
            resources.add(pods);
        });
        FetchAdmission admission = new FetchAdmission(config, registry);
        resources.add(admission::close);
        FetchPipeline pipeline = new FetchPipeline(new FetchRequestValidator(config), admission, strategies,
                new FetchMetrics(registry));
        this.cap = new CallTimeCapInterceptor(new CallTimeCap(config.maxCallDuration(), "fanout.fetcher.max-call-duration"));
        this.server = NettyServerBuilder.forAddress(new InetSocketAddress(host, port))
                .addService(ServerInterceptors.intercept(FetcherGrpc.bindService(new Adapter(pipeline)), cap))
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
        for (AutoCloseable resource : resources.reversed()) {
            resource.close();
        }
        timers.close();
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
            subscription.set(pipeline.fetch(request, Context.current())
                    .subscribe().with(call::onNext,
                            error -> call.onError(Status.fromThrowable(error).asRuntimeException()),
                            call::onCompleted));
            if (call.isCancelled()) {
                subscription.get().cancel();
            }
        }
    }
}
