package dev.fanout.runtime.calls;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
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
 * <p>A call the cap ends closes with DEADLINE_EXCEEDED and, in its status details, a
 * {@code google.rpc.ErrorInfo} with reason {@value #REASON}, domain {@value #DOMAIN} and metadata
 * {@code limit} (e.g. "1h") and {@code setting}: a client tells the service's cap from its own
 * deadline by that reason, never by the message.
 */
public record CallTimeCap(Duration limit, String setting) {

    public static final String REASON = "CALL_TIME_CAP";
    public static final String DOMAIN = "fanout.dev";

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
        com.google.rpc.Status status = StatusProto.fromThrowable(failure);
        if (status == null) {
            return Optional.empty();
        }
        for (Any detail : status.getDetailsList()) {
            if (detail.is(ErrorInfo.class)) {
                try {
                    ErrorInfo info = detail.unpack(ErrorInfo.class);
                    if (info.getReason().equals(REASON) && info.getDomain().equals(DOMAIN)) {
                        return Optional.of(info);
                    }
                } catch (InvalidProtocolBufferException malformed) {
                    // not an ErrorInfo after all: not the cap's
                }
            }
        }
        return Optional.empty();
    }

    /** The limit as a person writes it in a setting: 1h, 10m, 2s, 1500ms. */
    public String limitText() {
        if (limit.toMillis() % 1000 != 0 || limit.isZero()) {
            return limit.toMillis() + "ms";
        }
        long seconds = limit.toSeconds();
        return seconds % 3600 == 0 ? seconds / 3600 + "h" : seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
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
                .addDetails(Any.pack(ErrorInfo.newBuilder()
                        .setReason(REASON)
                        .setDomain(DOMAIN)
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
