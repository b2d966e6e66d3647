package dev.fanout.fetcher;

import dev.fanout.proto.peers.PeerChannels;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.tls.TlsConfigurationRegistry;
import io.vertx.core.Vertx;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** CDI wiring: one fetcher assembly per application, closed on shutdown. */
public class FetcherBeans {

    @Produces
    @Singleton
    FetcherAssembly assembly(FetcherConfig config, Vertx vertx, MeterRegistry registry, TlsConfigurationRegistry tls,
            @ConfigProperty(name = PeerChannels.TLS_PROPERTY) Optional<String> peersTls) {
        // Constructed, not injected: works whether or not the proto jar's beans are in Quarkus's index.
        PeerChannels peerChannels = new PeerChannels(peersTls, tls, vertx);
        return new FetcherAssembly(config, vertx, registry, peerChannels::builder);
    }

    @Produces
    @Singleton
    FetchPipeline pipeline(FetcherAssembly assembly) {
        return assembly.pipeline();
    }

    void close(@Disposes FetcherAssembly assembly) throws Exception {
        assembly.close();
    }
}
