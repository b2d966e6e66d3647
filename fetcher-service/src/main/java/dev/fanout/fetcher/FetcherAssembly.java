package dev.fanout.fetcher;

import dev.fanout.fetcher.download.BlockingDownloader;
import dev.fanout.fetcher.download.DownloadSettings;
import dev.fanout.fetcher.download.ReactiveDownloader;
import dev.fanout.fetcher.download.RetryPolicy;
import dev.fanout.fetcher.download.TargetResolver;
import dev.fanout.fetcher.mode.FetchStrategy;
import dev.fanout.fetcher.mode.PodsStrategy;
import dev.fanout.fetcher.mode.ReactiveStrategy;
import dev.fanout.fetcher.mode.SequentialStrategy;
import dev.fanout.fetcher.mode.ThreadPoolStrategy;
import dev.fanout.fetcher.mode.VirtualThreadStrategy;
import dev.fanout.fetcher.net.AddressPolicy;
import dev.fanout.fetcher.request.FetchRequestValidator;
import dev.fanout.runtime.HostNames;
import dev.fanout.runtime.pods.PodsFanout;
import dev.fanout.runtime.pods.PodsMetrics;
import dev.fanout.runtime.pods.PodsSettings;
import dev.fanout.runtime.pods.PodsTarget;
import dev.fanout.runtime.pods.WorkerChannels;
import io.grpc.ChannelCredentials;
import dev.fanout.runtime.calls.CallTimeCap;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Builds the fetcher from its configuration (clients, strategies, pipeline) with no framework in
 * the way, so tests can run extra fetchers outside Quarkus; closes what it opened.
 */
public final class FetcherAssembly implements AutoCloseable {

    private final FetchPipeline pipeline;
    private final CallTimeCap callTimeCap;
    private final List<AutoCloseable> resources = new ArrayList<>();

    /** {@code peerCredentials}: plaintext or TLS for the calls to PODS peers (PeerChannels). */
    public FetcherAssembly(FetcherConfig config, Vertx vertx, MeterRegistry registry, ChannelCredentials peerCredentials) {
        DownloadSettings settings = new DownloadSettings(config.connectTimeout(), config.maxTimeout(),
                config.maxBodySize().asLongValue(), config.maxRedirects(), config.maxConnectionsPerHost(),
                new RetryPolicy(config.retry().maxRetries(), config.retry().backoff()), instanceName(config));
        TargetResolver resolver = new TargetResolver(AddressPolicy.allowing(config.allowedNetworks().orElse(List.of())));
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("fetch-timeouts").factory());
        resources.add(timers::shutdownNow);
        BlockingDownloader blocking = new BlockingDownloader(settings, resolver, timers);
        resources.add(blocking);
        ReactiveDownloader reactive = new ReactiveDownloader(settings, resolver, vertx);
        resources.add(reactive);
        List<FetchStrategy> strategies = new ArrayList<>(List.of(
                new SequentialStrategy(blocking),
                new ThreadPoolStrategy(blocking),
                new VirtualThreadStrategy(blocking),
                new ReactiveStrategy(reactive)));
        config.peers().map(peers -> new PodsStrategy(new PodsFanout("fetcher", PodsTarget.parse(peers),
                PodsSettings.from(config.pods()), WorkerChannels.netty(peerCredentials), new PodsMetrics(registry)))).ifPresent(pods -> {
            strategies.add(pods);
            resources.add(pods);
        });
        this.pipeline = new FetchPipeline(FetchRequestValidator.of(config), strategies, new FetchMetrics(registry));
        this.callTimeCap = new CallTimeCap(config.maxCallDuration(), "fanout.fetcher.max-call-duration");
    }

    public FetchPipeline pipeline() {
        return pipeline;
    }

    /** The cap the shared call-context interceptor puts on every call. */
    public CallTimeCap callTimeCap() {
        return callTimeCap;
    }

    /** fetched_by: the configured name, else the pod's $HOSTNAME, else the machine's name. */
    private static String instanceName(FetcherConfig config) {
        return config.instanceName().orElseGet(HostNames::thisHost);
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable resource : resources.reversed()) {
            resource.close();
        }
    }
}
