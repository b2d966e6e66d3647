package dev.fanout.runtime.pods;

import io.grpc.ChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Opens the channel to one worker address; tests open in-process channels instead. */
@FunctionalInterface
public interface WorkerChannels {

    /** HTTP/2 pings on a connection with calls in flight: a peer that stops answering (a hung pod, a dead node) is dropped. */
    Duration KEEPALIVE = Duration.ofSeconds(10);
    Duration KEEPALIVE_TIMEOUT = Duration.ofSeconds(5);

    /**
     * A channel to {@code address}.
     *
     * @param authority the name the worker was found under, {@code host:port}: what TLS verifies, not the pod's address
     */
    ManagedChannel open(InetSocketAddress address, String authority);

    /** Netty channels with {@code credentials} (plaintext or TLS, see PeerChannels) and keepalive. */
    static WorkerChannels netty(ChannelCredentials credentials) {
        return (address, authority) -> NettyChannelBuilder.forAddress(address, credentials)
                .overrideAuthority(authority)
                .keepAliveTime(KEEPALIVE.toMillis(), TimeUnit.MILLISECONDS)
                .keepAliveTimeout(KEEPALIVE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .build();
    }
}
