package dev.fanout.runtime.calls;

import com.google.protobuf.Any;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import dev.fanout.v1.ErrorReason;
import dev.fanout.v1.support.DurationText;
import dev.fanout.v1.support.ErrorReasons;
import io.grpc.Context;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.time.Duration;
import java.util.Optional;

/**
 * A service's own limit on one call's wall time, whatever deadline its caller sets or leaves unset
 * (grpcurl sets none), so no call holds the service's cores or connections for good. Each service
 * gives its limit and the setting it comes from; {@link CallTimeCapInterceptor} applies it.
 *
 * <p>A call the cap ends closes with DEADLINE_EXCEEDED and, in its status details, the contract's
 * {@link ErrorReason#CALL_TIME_CAP} with metadata {@code limit} (e.g. "1h") and {@code setting}: a
 * client tells the service's cap from its own deadline by that reason, never by the message.
 */
public record CallTimeCap(Duration limit, String setting) {

    /** Present in a call's Context when the cap, not the caller's deadline, is the call's deadline. */
    static final Context.Key<CallTimeCap> CAPPED = Context.key("fanout.call-time-cap");
    /** Where gRPC carries a google.rpc.Status (what StatusProto reads). */
    private static final Metadata.Key<byte[]> DETAILS = Metadata.Key.of("grpc-status-details-bin", Metadata.BINARY_BYTE_MARSHALLER);

    /** The cap that ends the call of {@code context} at its deadline, if that deadline is the service's cap. */
    public static Optional<CallTimeCap> of(Context context) {
        return Optional.ofNullable(CAPPED.get(context));
    }

    /** The cap's ErrorInfo in the status details of {@code failure}, when a service's cap ended the call. */
    public static Optional<ErrorInfo> reported(Throwable failure) {
        return ErrorReasons.find(StatusProto.fromThrowable(failure), ErrorReason.CALL_TIME_CAP);
    }

    /** The limit as a person writes it in a setting: 1h, 10m, 2s, 1500ms. */
    public String limitText() {
        return DurationText.of(limit);
    }

    /** The status a call ends with at the cap, the ErrorInfo in its details. */
    public StatusRuntimeException exceeded() {
        return StatusProto.toStatusRuntimeException(status());
    }

    com.google.rpc.Status status() {
        return com.google.rpc.Status.newBuilder()
                .setCode(Code.DEADLINE_EXCEEDED_VALUE)
                .setMessage("the call ran past this service's limit of " + limitText() + " per call (" + setting
                        + "): split the work into several calls, or set a deadline to stop sooner")
                .addDetails(Any.pack(ErrorReasons.info(ErrorReason.CALL_TIME_CAP)
                        .putMetadata("limit", limitText())
                        .putMetadata("setting", setting)
                        .build()))
                .build();
    }

    /** {@code trailers} with this cap's status details, in place of any others. */
    Metadata withDetails(Metadata trailers) {
        trailers.discardAll(DETAILS);
        trailers.put(DETAILS, status().toByteArray());
        return trailers;
    }
}
