package dev.fanout.runtime.calls;

import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;

/** How a call's stream ended, as its caller sees it: the status code, and a failure in words. */
public final class CallOutcomes {

    private static final System.Logger LOG = System.getLogger(CallOutcomes.class.getName());

    private CallOutcomes() {
    }

    /** The status code the call ended with (the outcome tag of the services' call metrics). */
    public static Status.Code code(Throwable failure, boolean cancelled) {
        return cancelled ? Status.Code.CANCELLED : failure == null ? Status.Code.OK : Status.fromThrowable(failure).getCode();
    }

    /**
     * A failure as the caller is told it: a gRPC status as it is; anything else is a bug, logged here
     * with its stack trace and told as INTERNAL in words, never as an exception's class and message.
     */
    public static Throwable forCaller(Throwable failure, String service) {
        if (failure instanceof StatusRuntimeException || failure instanceof StatusException) {
            return failure;
        }
        LOG.log(System.Logger.Level.ERROR, service + ": a call failed unexpectedly", failure);
        return Status.INTERNAL.withDescription(service + " failed unexpectedly while serving this call (its log has the"
                + " details): retry it, and report the problem if it happens again").asRuntimeException();
    }
}
