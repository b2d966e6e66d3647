package dev.fanout.runtime.peers;

import io.grpc.ChannelCredentials;
import io.grpc.InsecureChannelCredentials;
import io.grpc.TlsChannelCredentials;
import io.quarkus.tls.TlsConfiguration;
import io.quarkus.tls.TlsConfigurationRegistry;
import io.vertx.core.Vertx;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The credentials of a service's channels to its peer pods (compute workers, fetcher peers; the
 * channels themselves are the PODS fan-out's, dev.fanout.runtime.pods). Plaintext unless
 * {@value #TLS_PROPERTY} names a configuration of the Quarkus TLS registry
 * ({@code quarkus.tls.<name>.*}): its trust store verifies the peers, and its key store, when set,
 * is the client certificate for mTLS.
 */
@Singleton
public class PeerChannels {

    public static final String TLS_PROPERTY = "fanout.peers.tls-configuration-name";

    private final ChannelCredentials credentials;

    public PeerChannels(@ConfigProperty(name = TLS_PROPERTY) Optional<String> tlsConfigurationName,
            TlsConfigurationRegistry registry, Vertx vertx) {
        this.credentials = tlsConfigurationName
                .map(name -> tls(registry.get(name).orElseThrow(() -> new IllegalStateException(
                        TLS_PROPERTY + " names \"" + name + "\", but quarkus.tls." + name + ".* is not configured")), vertx))
                .orElse(InsecureChannelCredentials.create());
    }

    /** Plaintext, or the TLS configuration's trust and key stores: what channels to peers use. */
    public ChannelCredentials credentials() {
        return credentials;
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
