package dev.fanout.cli.client;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import com.google.rpc.ErrorInfo;

import dev.fanout.cli.ExitCodes;
import dev.fanout.cli.options.HostPort;
import dev.fanout.v1.ErrorReason;
import dev.fanout.v1.support.DurationText;
import dev.fanout.v1.support.ErrorReasons;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Exception;

/**
 * The one translation of a failed call into the user's {@link CallFailure}: a line that names the
 * service, its address and the fix, and the exit code. It decides on the status code, the contract's
 * ErrorInfo reasons and the channel's state, never on the message text; the message is only shown.
 */
final class StatusFailures {
    /**
     * A Java exception's text (java.lang.IllegalArgumentException - ..., NullPointerException: ...):
     * what Quarkus's gRPC layer sends for an exception a service did not turn into a Status. grpc-java
     * hands the client only the description string, so its form is all there is to tell it by.
     */
    private static final Pattern JAVA_EXCEPTION = Pattern.compile("^([a-z_$][\\w$]*\\.)*[A-Z][\\w$]*(Exception|Error)\\b.*",
            Pattern.DOTALL);

    private final Service service;
    private final HostPort address;
    private final boolean tls;
    private final ManagedChannel channel;
    private ServedServices served;

    StatusFailures(Service service, HostPort address, boolean tls, ManagedChannel channel) {
        this.service = service;
        this.address = address;
        this.tls = tls;
        this.channel = channel;
    }

    /** The user-facing failure for a call that ended with {@code e}: the one place a status becomes an exit code. */
    CallFailure of(StatusRuntimeException e, Duration deadline) {
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
            case DEADLINE_EXCEEDED -> new CallFailure(ExitCodes.DEADLINE,
                    ErrorReasons.find(StatusProto.fromThrowable(e), ErrorReason.CALL_TIME_CAP)
                            .map(cap -> where + " stopped the call: " + capWords(status, cap))
                            .orElseGet(() -> where + " did not finish within the deadline of " + DurationText.of(deadline)
                                    + " (raise it with --deadline)"),
                    code, reason, false);
            // The service is busy (its in-flight budget, IN_FLIGHT_BUDGET); its message names the setting.
            case RESOURCE_EXHAUSTED -> new CallFailure(ExitCodes.UNAVAILABLE,
                    where + " is busy and refused the call: " + reason, code, reason, false);
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
}
