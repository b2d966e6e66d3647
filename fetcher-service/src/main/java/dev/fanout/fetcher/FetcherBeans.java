package dev.fanout.fetcher;

import dev.fanout.fetcher.download.BlockingDownloader;
import dev.fanout.fetcher.download.DownloadSettings;
import dev.fanout.fetcher.download.DownloadTimers;
import dev.fanout.fetcher.download.ReactiveDownloader;
import dev.fanout.fetcher.download.RetryPolicy;
import dev.fanout.fetcher.download.TargetResolver;
import dev.fanout.fetcher.mode.PodsStrategy;
import dev.fanout.fetcher.net.AddressPolicy;
import dev.fanout.runtime.HostNames;
import dev.fanout.runtime.calls.CallTimeCap;
import dev.fanout.runtime.peers.PeerChannels;
import dev.fanout.runtime.pods.PodsFanout;
import dev.fanout.runtime.pods.PodsMetrics;
import dev.fanout.runtime.pods.PodsObserver;
import dev.fanout.runtime.pods.PodsSettings;
import dev.fanout.runtime.pods.PodsTarget;
import dev.fanout.runtime.pods.WorkerChannels;
import dev.fanout.runtime.tracing.PodsTracing;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * CDI wiring of what is not a bean class of this service: the two HTTP clients, PODS mode's strategy
 * when peers are configured, and what the shared runtime asks of this service. Closed on shutdown.
 */
@Singleton
public class FetcherBeans {

    /** The blocking client's per-URL timeouts. */
    private final DownloadTimers timers = new DownloadTimers("fetch-timeouts");

    /**
     * The clients' settings, one for both clients; fetched_by is the configured name, else the pod's
     * $HOSTNAME, else the machine's name.
     */
    @Produces
    @Singleton
    static DownloadSettings downloadSettings(FetcherConfig config) {
        return new DownloadSettings(config.connectTimeout(), config.maxTimeout(), config.maxBodySize().asLongValue(),
                config.maxRedirects(), config.maxConnectionsPerHost(),
                new RetryPolicy(config.retry().maxRetries(), config.retry().backoff()),
                config.instanceName().orElseGet(HostNames::thisHost));
    }

    /** Where URLs may go: the SSRF guard with the networks the configuration opens, one for both clients. */
    @Produces
    @Singleton
    static TargetResolver targetResolver(FetcherConfig config) {
        return new TargetResolver(AddressPolicy.allowing(config.allowedNetworks().orElse(List.of())));
    }

    @Produces
    @Singleton
    BlockingDownloader blocking(DownloadSettings settings, TargetResolver resolver) {
        return new BlockingDownloader(settings, resolver, timers);
    }

    @Produces
    @Singleton
    ReactiveDownloader reactive(DownloadSettings settings, TargetResolver resolver, Vertx vertx) {
        return new ReactiveDownloader(settings, resolver, vertx);
    }

    /** FETCH_MODE_PODS over the peers of fanout.fetcher.peers; none when it is unset (validation then refuses PODS). */
    @Produces
    @Singleton
    Optional<PodsStrategy> pods(FetcherConfig config, PeerChannels peerChannels, MeterRegistry registry,
            PodsTracing tracing) {
        return config.peers().map(peers -> new PodsStrategy(new PodsFanout("fetcher", PodsTarget.parse(peers),
                PodsSettings.from(config.pods()), WorkerChannels.netty(peerChannels.credentials()),
                PodsObserver.both(new PodsMetrics(registry), tracing))));
    }

    /** The shared call-context interceptor caps every call at fanout.fetcher.max-call-duration. */
    @Produces
    @Singleton
    CallTimeCap callTimeCap(FetcherConfig config) {
        return new CallTimeCap(config.maxCallDuration(), "fanout.fetcher.max-call-duration");
    }

    void close(@Disposes BlockingDownloader blocking) throws IOException {
        blocking.close();
    }

    void close(@Disposes ReactiveDownloader reactive) {
        reactive.close();
    }

    void close(@Disposes Optional<PodsStrategy> pods) throws InterruptedException {
        if (pods.isPresent()) {
            pods.get().close();
        }
    }

    @PreDestroy
    void stop() {
        timers.close();
    }
}
