package dev.fanout.cli.client;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.fanout.cli.CliFailure;
import dev.fanout.cli.ExitCodes;
import dev.fanout.cli.options.HostPort;
import dev.fanout.cli.options.TlsOptions;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * A gRPC channel to one service (plaintext, or TLS with --tls), from its opening to its close; a call
 * that fails on it ends as the user's {@link CallFailure} (see {@link StatusFailures}).
 */
public final class ServiceChannel implements AutoCloseable {
    private final ManagedChannel channel;
    private final EventLoopGroup eventLoop;
    private final StatusFailures failures;

    private ServiceChannel(Service service, HostPort address, ManagedChannel channel, EventLoopGroup eventLoop, boolean tls) {
        this.channel = channel;
        this.eventLoop = eventLoop;
        this.failures = new StatusFailures(service, address, tls, channel);
    }

    public static ServiceChannel open(Service service, HostPort address, TlsOptions tls) {
        quietLibraries();
        InetSocketAddress resolved = address.resolve();
        if (resolved.isUnresolved()) {
            throw new CliFailure(ExitCodes.UNAVAILABLE, service.label() + " address " + address
                    + ": unknown host '" + address.host() + "' (set " + service.howToSet() + ")");
        }
        var credentials = tls.credentials();
        // A direct socket address: no name resolver or DNS plugin is loaded, which keeps start-up short.
        NettyChannelBuilder builder = credentials.map(c -> NettyChannelBuilder.forAddress(resolved, c))
                .orElseGet(() -> NettyChannelBuilder.forAddress(resolved).usePlaintext());
        tls.authority().ifPresent(builder::overrideAuthority);
        // The channel's own event loop, ended with it. grpc-java's shared one outlives the last channel by a
        // second, and while its thread waits in epoll the JVM's exit waits 300 ms for it (HotSpot's VM_Exit
        // gives threads in native code that long): a third of a short command's time.
        EventLoopGroup eventLoop = new NioEventLoopGroup(1, new DefaultThreadFactory("fanout-grpc", true));
        builder.eventLoopGroup(eventLoop).channelType(NioSocketChannel.class);
        return new ServiceChannel(service, address, builder.build(), eventLoop, credentials.isPresent());
    }

    /**
     * stderr is for fanout's one-line messages: grpc-java and Netty, which log through java.util.logging,
     * add only their warnings and errors (as under Quarkus, whose log level was WARN). Set here, before the
     * first channel, rather than at start: the JDK's logging takes 40 ms to set up, and --help needs none.
     */
    private static void quietLibraries() {
        Logger.getLogger("").setLevel(Level.WARNING);
    }

    ManagedChannel channel() {
        return channel;
    }

    /** Runs one call on this channel; a call that fails ends as the user's {@link CallFailure}. */
    <T> T call(Duration deadline, Supplier<T> call) {
        try {
            return call.get();
        } catch (StatusRuntimeException e) {
            throw failures.of(e, deadline);
        }
    }

    /** How this channel's failed calls read to the user. */
    StatusFailures failures() {
        return failures;
    }

    @Override
    public void close() {
        channel.shutdownNow();
        try {
            channel.awaitTermination(2, TimeUnit.SECONDS);
            eventLoop.shutdownGracefully(0, 2, TimeUnit.SECONDS).await(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
