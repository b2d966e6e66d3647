package dev.fanout.cli.client;

import dev.fanout.cli.CliFailure;
import io.grpc.Status;

/**
 * A call that failed, as the user reads it (one line and an exit code), and what the bench needs to
 * decide whether to skip a mode: the status code, the service's reason, and whether the service
 * itself said this mode cannot run here. Made only by {@link StatusFailures}, the one mapping.
 */
public final class CallFailure extends CliFailure {
    private final Status.Code code;
    private final String reason;
    private final boolean modeUnavailable;

    CallFailure(int exitCode, String message, Status.Code code, String reason, boolean modeUnavailable) {
        super(exitCode, message);
        this.code = code;
        this.reason = reason;
        this.modeUnavailable = modeUnavailable;
    }

    public Status.Code code() {
        return code;
    }

    /** Why the call failed, in the service's words (or where to look when it gave none). */
    public String reason() {
        return reason;
    }

    /**
     * The right service answered, and said this mode cannot run now: UNIMPLEMENTED, FAILED_PRECONDITION,
     * or UNAVAILABLE while the connection to it is up (e.g. pods without workers).
     */
    public boolean modeUnavailable() {
        return modeUnavailable;
    }
}
