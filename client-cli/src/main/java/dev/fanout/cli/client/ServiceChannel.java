package dev.fanout.cli.client;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.ErrorInfo;

import dev.fanout.cli.CliFailure;
import dev.fanout.cli.ExitCodes;
import dev.fanout.cli.options.HostPort;
import dev.fanout.cli.options.TlsOptions;
import dev.fanout.cli.render.Numbers;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.StatusProto;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Exception;

/**
 * A gRPC channel to one service (plaintext, or TLS with --tls), and the one translation of its call
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
    /** The services' ErrorInfo for a call they ended at their own time cap (DEADLINE_EXCEEDED). */
    static final String CALL_TIME_CAP = "CALL_TIME_CAP";
    static final String DOMAIN = "fanout.dev";

    private final Service service;
    private final HostPort address;
    private final ManagedChannel channel;
    private final EventLoopGroup eventLoop;
    private final boolean tls;
    private ServedServices served;

    private ServiceChannel(Service service, HostPort address, ManagedChannel channel, EventLoopGroup eventLoop, boolean tls) {
        this.service = service;
        this.address = address;
        this.channel = channel;
        this.eventLoop = eventLoop;
        this.tls = tls;
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
            throw failure(e, deadline);
        }
    }

    /** The user-facing failure for a call that ended with {@code e}: the one place a status becomes an exit code. */
    CallFailure failure(StatusRuntimeException e, Duration deadline) {
        Status status = e.getStatus();
        Status.Code code = status.getCode();
        String reason = reason(status);
        String where = service.label() + " at " + address;
        if (notGrpc(status)) {
            return new CallFailure(ExitCodes.UNAVAILABLE, address + " is not a gRPC server (its first answer was not HTTP/2"
                    + (tls ? "" : "; add --tls if it serves TLS") + "): " + service.pointAtIt(), code, reason, false);
        }
        if (code == Status.Code.UNIMPLEMENTED) {
            Optional<String> other = wrongService();
            if (other.isPresent()) {
                return new CallFailure(ExitCodes.UNAVAILABLE, other.get(), code, reason, false);
            }
        }
        return switch (code) {
            // The connection is up, so the service itself said this mode cannot run now.
            case UNAVAILABLE -> new CallFailure(ExitCodes.UNAVAILABLE,
                    where + " is unavailable (" + reason + "): start it, or set " + service.howToSet(), code, reason,
                    channel.getState(false) == ConnectivityState.READY);
            // The service's own time cap says so in its details; --deadline cannot raise that one.
            case DEADLINE_EXCEEDED -> new CallFailure(ExitCodes.DEADLINE, callTimeCap(e)
                    .map(cap -> where + " stopped the call: " + capWords(status, cap))
                    .orElseGet(() -> where + " did not finish within the deadline of " + Numbers.human(deadline) + " (raise it with --deadline)"),
                    code, reason, false);
            case INVALID_ARGUMENT, OUT_OF_RANGE -> new CallFailure(ExitCodes.USAGE,
                    where + " rejected the request: " + reason, code, reason, false);
            case UNIMPLEMENTED, FAILED_PRECONDITION -> new CallFailure(ExitCodes.UNAVAILABLE,
                    where + " cannot do this (" + code + "): " + reason, code, reason, true);
            default -> new CallFailure(ExitCodes.SOME_FAILED, where + " failed the call (" + code + "): " + reason, code, reason, false);
        };
    }

    /**
     * What the address is, when it answers gRPC but serves something else (the other Fanout service,
     * say), as server reflection lists it; empty when it serves this service or cannot be asked.
     */
    private Optional<String> wrongService() {
        if (served == null) {
            served = ServedServices.ask(channel);
        }
        return served.describeIfNot(service.grpcName())
                .map(what -> address + " is " + what + ", not " + service.app() + ": " + service.pointAtIt());
    }

    /** The service's ErrorInfo saying it ended the call at its own time cap, if that is why the call ended. */
    static Optional<ErrorInfo> callTimeCap(StatusRuntimeException e) {
        com.google.rpc.Status details = StatusProto.fromThrowable(e);
        if (details == null) {
            return Optional.empty();
        }
        for (Any detail : details.getDetailsList()) {
            if (detail.is(ErrorInfo.class)) {
                try {
                    ErrorInfo info = detail.unpack(ErrorInfo.class);
                    if (CALL_TIME_CAP.equals(info.getReason()) && DOMAIN.equals(info.getDomain())) {
                        return Optional.of(info);
                    }
                } catch (InvalidProtocolBufferException malformed) {
                    // A detail that does not parse says nothing: the next one may.
                }
            }
        }
        return Optional.empty();
    }

    /** The service's own words for its cap; from the ErrorInfo's limit and setting when it gave none. */
    private static String capWords(Status status, ErrorInfo cap) {
        if (status.getDescription() != null && !status.getDescription().isBlank()) {
            return status.getDescription();
        }
        Map<String, String> meta = cap.getMetadataMap();
        return "the call ran past this service's limit of " + meta.getOrDefault("limit", "?") + " per call ("
                + meta.getOrDefault("setting", "its max-call-duration") + ")";
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

    /**
     * Why the call failed, in words a person reads: the server's description, or for transport
     * failures the root cause (e.g. "Connection refused"). A Java exception's text, or nothing at
     * all, gives way to a line that says where to look.
     */
    private static String reason(Status status) {
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
            eventLoop.shutdownGracefully(0, 2, TimeUnit.SECONDS).await(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
