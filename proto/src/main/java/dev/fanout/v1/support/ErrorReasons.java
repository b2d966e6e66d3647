package dev.fanout.v1.support;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.ErrorInfo;
import com.google.rpc.Status;
import dev.fanout.v1.ErrorReason;
import dev.fanout.v1.ErrorsProto;
import java.util.Optional;

/**
 * The contract's {@link ErrorReason}s as google.rpc.ErrorInfo carries them: the reason is the value's
 * name, the domain the one the enum declares (its {@code error_domain} option), so neither is spelled
 * anywhere else. Services build the ErrorInfo here; clients find it here.
 */
public final class ErrorReasons {

    /** The ErrorInfo domain of every {@link ErrorReason}: "fanout.dev", read from the contract. */
    public static final String DOMAIN = ErrorReason.getDescriptor().getOptions().getExtension(ErrorsProto.errorDomain);

    private ErrorReasons() {
    }

    /** An ErrorInfo for {@code reason}, its domain set; the caller adds the reason's metadata. */
    public static ErrorInfo.Builder info(ErrorReason reason) {
        return ErrorInfo.newBuilder().setReason(reason.name()).setDomain(DOMAIN);
    }

    /** The ErrorInfo for {@code reason} in a failed call's status details, if the service gave that reason. */
    public static Optional<ErrorInfo> find(Status details, ErrorReason reason) {
        if (details == null) {
            return Optional.empty();
        }
        for (Any detail : details.getDetailsList()) {
            if (detail.is(ErrorInfo.class)) {
                try {
                    ErrorInfo info = detail.unpack(ErrorInfo.class);
                    if (info.getReason().equals(reason.name()) && info.getDomain().equals(DOMAIN)) {
                        return Optional.of(info);
                    }
                } catch (InvalidProtocolBufferException malformed) {
                    // a detail that does not parse says nothing: the next one may
                }
            }
        }
        return Optional.empty();
    }
}
