package dev.fanout.runtime.peers;

import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannelBuilder;
import io.grpc.TlsChannelCredentials;
import io.quarkus.tls.TlsConfiguration;
import io.quarkus.tls.TlsConfigurationRegistry;
import io.vertx.core.Vertx;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Channels from a service to its peer pods (compute workers, fetcher workers), balanced per call
 * with gRPC's client-side {@code round_robin} over every address the target resolves to.
 *
 * <p>A target is either a gRPC target URI, such as {@code dns:///compute-workers:8081} (a headless
 * Service: one address per ready pod, re-resolved when connections fail), or a comma-separated
 * {@code host:port} list for local runs. Plaintext unless {@value #TLS_PROPERTY} names a
 * configuration of the Quarkus TLS registry ({@code quarkus.tls.<name>.*}): its trust store
 * verifies the peers, and its key store, when set, is the client certificate for mTLS.
 */
@Singleton
public class PeerChannels {

    public static final String TLS_PROPERTY = "fanout.peers.tls-configuration-name";

    private static final Map<String, ?> ROUND_ROBIN =
            Map.of("loadBalancingConfig", List.of(Map.of("round_robin", Map.of())));

    private final ChannelCredentials credentials;

    public PeerChannels(@ConfigProperty(name = TLS_PROPERTY) Optional<String> tlsConfigurationName,
            TlsConfigurationRegistry registry, Vertx vertx) {
        this.credentials = tlsConfigurationName
                .map(name -> tls(registry.get(name).orElseThrow(() -> new IllegalStateException(
                        TLS_PROPERTY + " names \"" + name + "\", but quarkus.tls." + name + ".* is not configured")), vertx))
                .orElse(InsecureChannelCredentials.create());
    }

    /**
     * A builder for a channel to the peers behind {@code target}, with round_robin set as the
     * default service config. Callers add what is theirs (interceptors, executors) and build it.
     */
    public ManagedChannelBuilder<?> builder(String target) {
        return builder(target, credentials);
    }

    /** The same, with explicit credentials: for code that runs without CDI (tests, benchmarks). */
    public static ManagedChannelBuilder<?> builder(String target, ChannelCredentials credentials) {
        String trimmed = target.strip();
        ManagedChannelBuilder<?> builder = trimmed.contains(":/")
                ? Grpc.newChannelBuilder(trimmed, credentials)
                : PeerAddresses.channelTo(trimmed, credentials);
        return builder.defaultServiceConfig(ROUND_ROBIN);
    }

    private static ChannelCredentials tls(TlsConfiguration tls, Vertx vertx) {
        try {
            TlsChannelCredentials.Builder builder = TlsChannelCredentials.newBuilder();
            if (tls.isTrustAll()) {
                builder.trustManager(io.netty.handler.ssl.util.InsecureTrustManagerFactory.INSTANCE.getTrustManagers());
            } else if (tls.getTrustStoreOptions() != null) {
                builder.trustManager(tls.getTrustStoreOptions().getTrustManagerFactory(vertx).getTrustManagers());
            }
            if (tls.getKeyStoreOptions() != null) {
                builder.keyManager(tls.getKeyStoreOptions().getKeyManagerFactory(vertx).getKeyManagers());
            }
            return builder.build();
        } catch (Exception e) {
            throw new IllegalStateException("cannot use TLS configuration \"" + tls.getName() + "\" for peers: "
                    + e.getMessage(), e);
        }
    }
}
