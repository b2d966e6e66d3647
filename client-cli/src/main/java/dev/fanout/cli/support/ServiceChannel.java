package dev.fanout.cli.support;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;

/**
 * A gRPC channel to one service (plaintext, or TLS with --tls), and the translation of its call
 * failures into one-line errors that name the address and the exit code.
 */
public final class ServiceChannel implements AutoCloseable {
    private final Service service;
    private final HostPort address;
    private final ManagedChannel channel;

    private ServiceChannel(Service service, HostPort address, ManagedChannel channel) {
        this.service = service;
        this.address = address;
        this.channel = channel;
    }

    public static ServiceChannel open(Service service, HostPort address, TlsOptions tls) {
        InetSocketAddress resolved = address.resolve();
        if (resolved.isUnresolved()) {
            throw new CliFailure(ExitCodes.UNAVAILABLE, service.label() + " address " + address
                    + ": unknown host '" + address.host() + "' (set " + service.howToSet() + ")");
        }
        // A direct socket address: no name resolver or DNS plugin is loaded, which keeps start-up short.
        NettyChannelBuilder builder = tls.credentials().map(credentials -> NettyChannelBuilder.forAddress(resolved, credentials))
                .orElseGet(() -> NettyChannelBuilder.forAddress(resolved).usePlaintext());
        tls.authority().ifPresent(builder::overrideAuthority);
        ManagedChannel channel = builder.build();
        return new ServiceChannel(service, address, channel);
    }

    public ManagedChannel channel() {
        return channel;
    }

    public HostPort address() {
        return address;
    }

    /** The user-facing failure for a call that ended with {@code e}. */
    public CliFailure failure(StatusRuntimeException e, Duration deadline) {
        Status status = e.getStatus();
        String detail = detail(e);
        String where = service.label() + " at " + address;
        return switch (status.getCode()) {
            case UNAVAILABLE -> new CliFailure(ExitCodes.UNAVAILABLE,
                    where + " is unavailable (" + detail + "): start it, or set " + service.howToSet());
            // The service's own time limit says so and names its setting; --deadline cannot raise that one.
            case DEADLINE_EXCEEDED -> new CliFailure(ExitCodes.DEADLINE, serviceLimit(status)
                    ? where + " stopped the call: " + status.getDescription()
                    : where + " did not finish within the deadline of " + Durations.human(deadline) + " (raise it with --deadline)");
            case INVALID_ARGUMENT, OUT_OF_RANGE -> new CliFailure(ExitCodes.USAGE,
                    where + " rejected the request: " + detail);
            case UNIMPLEMENTED, FAILED_PRECONDITION -> new CliFailure(ExitCodes.UNAVAILABLE,
                    where + " cannot do this (" + status.getCode() + "): " + detail);
            default -> new CliFailure(ExitCodes.SOME_FAILED, where + " failed the call (" + status.getCode() + "): " + detail);
        };
    }

    private static boolean serviceLimit(Status status) {
        return status.getDescription() != null && status.getDescription().contains("max-call-duration");
    }

    /** The server's description, or for transport failures the root cause (e.g. "Connection refused"). */
    private static String detail(StatusRuntimeException e) {
        Throwable root = e.getStatus().getCause();
        while (root != null && root.getCause() != null) {
            root = root.getCause();
        }
        if (root != null && root.getMessage() != null) {
            return root.getMessage();
        }
        String description = e.getStatus().getDescription();
        return description == null ? e.getStatus().getCode().toString() : description;
    }

    @Override
    public void close() {
        channel.shutdownNow();
        try {
            channel.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
