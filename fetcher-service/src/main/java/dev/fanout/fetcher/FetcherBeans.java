package dev.fanout.fetcher;

import dev.fanout.runtime.calls.CallTimeCap;
import dev.fanout.runtime.peers.PeerChannels;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** CDI wiring: one fetcher assembly per application, closed on shutdown. */
public class FetcherBeans {

    @Produces
    @Singleton
    FetcherAssembly assembly(FetcherConfig config, Vertx vertx, MeterRegistry registry, PeerChannels peerChannels) {
        return new FetcherAssembly(config, vertx, registry, peerChannels.credentials());
    }

    @Produces
    @Singleton
    FetchPipeline pipeline(FetcherAssembly assembly) {
        return assembly.pipeline();
    }

    @Produces
    @Singleton
    CallTimeCap callTimeCap(FetcherAssembly assembly) {
        return assembly.callTimeCap();
    }

    void close(@Disposes FetcherAssembly assembly) throws Exception {
        assembly.close();
    }
}
