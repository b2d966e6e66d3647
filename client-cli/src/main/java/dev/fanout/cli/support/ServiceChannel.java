package dev.fanout.cli.support;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Exception;

/**
 * A gRPC channel to one service (plaintext, or TLS with --tls), and the translation of its call
 * failures into one-line errors that name the address, the fix and the exit code.
 */
public final class ServiceChannel implements AutoCloseable {
    /**
     * A Java exception's text (java.lang.IllegalArgumentException - ..., NullPointerException: ...):
     * what Quarkus's gRPC layer sends for an exception a service did not turn into a Status. grpc-java
     * hands the client only the description string, so its form is all there is to tell it by.
     */
    private static final Pattern JAVA_EXCEPTION = Pattern.compile("^([a-z_$][\\w$]*\\.)*[A-Z][\\w$]*(Exception|Error)\\b.*",
            Pattern.DOTALL);

    private final Service service;
    private final HostPort address;
    private final ManagedChannel channel;
    private final boolean tls;
    private ServedServices served;

    private ServiceChannel(Service service, HostPort address, ManagedChannel channel, boolean tls) {
        this.service = service;
        this.address = address;
        this.channel = channel;
        this.tls = tls;
    }

    public static ServiceChannel open(Service service, HostPort address, TlsOptions tls) {
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
        return new ServiceChannel(service, address, builder.build(), credentials.isPresent());
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
        String where = service.label() + " at " + address;
        if (notGrpc(status)) {
            return new CliFailure(ExitCodes.UNAVAILABLE, address + " is not a gRPC server (its first answer was not HTTP/2"
                    + (tls ? "" : "; add --tls if it serves TLS") + "): " + service.pointAtIt());
        }
        return switch (status.getCode()) {
            case UNAVAILABLE -> new CliFailure(ExitCodes.UNAVAILABLE,
                    where + " is unavailable (" + reason(status) + "): start it, or set " + service.howToSet());
            // The service's own time limit says so and names its setting; --deadline cannot raise that one.
            case DEADLINE_EXCEEDED -> new CliFailure(ExitCodes.DEADLINE, serviceLimit(status)
                    ? where + " stopped the call: " + status.getDescription()
                    : where + " did not finish within the deadline of " + Durations.human(deadline) + " (raise it with --deadline)");
            case INVALID_ARGUMENT, OUT_OF_RANGE -> new CliFailure(ExitCodes.USAGE,
                    where + " rejected the request: " + reason(status));
            case UNIMPLEMENTED -> wrongService().orElseGet(() -> new CliFailure(ExitCodes.UNAVAILABLE,
                    where + " cannot do this (" + status.getCode() + "): " + reason(status)));
            case FAILED_PRECONDITION -> new CliFailure(ExitCodes.UNAVAILABLE,
                    where + " cannot do this (" + status.getCode() + "): " + reason(status));
            default -> new CliFailure(ExitCodes.SOME_FAILED, where + " failed the call (" + status.getCode() + "): " + reason(status));
        };
    }

    /**
     * The failure for an address that answers gRPC but serves something else (the other Fanout service,
     * say), as server reflection lists it; empty when it serves this service or cannot be asked.
     */
    public Optional<CliFailure> wrongService() {
        if (served == null) {
            served = ServedServices.ask(channel);
        }
        return served.describeIfNot(service.grpcName())
                .map(what -> new CliFailure(ExitCodes.UNAVAILABLE, address + " is " + what + ", not " + service.app() + ": "
                        + service.pointAtIt()));
    }

    /**
     * A plain HTTP/1.1 server, a TLS server called in plaintext, or anything else that is not HTTP/2:
     * grpc-java ends the call INTERNAL with netty's connection-level PROTOCOL_ERROR as the cause.
     */
    private static boolean notGrpc(Status status) {
        for (Throwable t = status.getCause(); t != null; t = t.getCause()) {
            if (t instanceof Http2Exception h2 && h2.error() == Http2Error.PROTOCOL_ERROR
                    && !(h2 instanceof Http2Exception.StreamException)) {
                return true;
            }
        }
        return false;
    }

    private static boolean serviceLimit(Status status) {
        return status.getDescription() != null && status.getDescription().contains("max-call-duration");
    }

    /**
     * Why the call failed, in words a person reads: the server's description, or for transport
     * failures the root cause (e.g. "Connection refused"). A Java exception's text, or nothing at
     * all, gives way to a line that says where to look.
     */
    public static String reason(Status status) {
        Throwable root = status.getCause();
        while (root != null && root.getCause() != null) {
            root = root.getCause();
        }
        String text = root != null && root.getMessage() != null ? root.getMessage() : status.getDescription();
        if (text == null || text.isBlank() || JAVA_EXCEPTION.matcher(text.strip()).matches()) {
            return "no reason given in words (status " + status.getCode() + "); the service's log has the details";
        }
        return text.strip().lines().findFirst().orElseThrow();
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
