package dev.fanout.compute;

import dev.fanout.runtime.calls.CallContexts;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.quarkus.grpc.GlobalInterceptor;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Gives every call a gRPC Context (see CallContexts: the unified server gives none, and tells a call
 * nothing when its caller's process or connection goes away) with the caller's deadline, capped at
 * {@code fanout.compute.max-call-duration}, so a call without one (grpcurl's default) over a range
 * that would take years cannot hold the cores for good. The service and the worker calls rely on it.
 */
@ApplicationScoped
@GlobalInterceptor
public class CallContextInterceptor implements ServerInterceptor {

    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("call-deadlines").factory());

    private final Duration maxCallDuration;

    public CallContextInterceptor(ComputeConfig config) {
        this.maxCallDuration = config.maxCallDuration();
    }

    @Override
    public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call, Metadata headers,
            ServerCallHandler<ReqT, RespT> next) {
        Deadline cap = Deadline.after(maxCallDuration.toMillis(), TimeUnit.MILLISECONDS); // toNanos() overflows past 292 years
        Optional<Deadline> callers = CallContexts.callersDeadline(headers);
        boolean capped = callers.map(cap::isBefore).orElse(true);
        Context.CancellableContext context = Context.current().withDeadline(capped ? cap : callers.get(), deadlines);
        return CallContexts.start(context, capped ? new CapReported<>(call, maxCallDuration) : call, headers, next);
    }

    /** Says in DEADLINE_EXCEEDED that the service's cap ended the call, not a deadline the caller set. */
    private static final class CapReported<ReqT, RespT> extends SimpleForwardingServerCall<ReqT, RespT> {
        private final Duration cap;

        CapReported(ServerCall<ReqT, RespT> call, Duration cap) {
            super(call);
            this.cap = cap;
        }

        @Override
        public void close(Status status, Metadata trailers) {
            super.close(status.getCode() != Status.Code.DEADLINE_EXCEEDED ? status : Status.DEADLINE_EXCEEDED.withDescription(
                    "the call ran past this service's limit of " + cap.toSeconds() + " s per call "
                            + "(fanout.compute.max-call-duration): split the range into several calls, or set a deadline "
                            + "to stop sooner"), trailers);
        }
    }

    @PreDestroy
    void stop() {
        deadlines.shutdownNow();
    }
}
