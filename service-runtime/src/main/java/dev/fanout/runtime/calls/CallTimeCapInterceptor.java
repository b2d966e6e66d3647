package dev.fanout.runtime.calls;

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
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The one call-context and time-cap interceptor of both services. Every call gets a gRPC Context (see
 * {@link CallContexts}: the unified server gives none) whose deadline is the caller's or the
 * service's {@link CallTimeCap}, whichever comes first. When the cap comes first, the Context says
 * so ({@link CallTimeCap#of}) and the call, if it ends DEADLINE_EXCEEDED, ends with the cap's
 * status and ErrorInfo, whichever code path failed it. Each service provides its CallTimeCap bean.
 */
@Singleton
@GlobalInterceptor
public class CallTimeCapInterceptor implements ServerInterceptor {

    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("call-deadlines").factory());
    private final CallTimeCap cap;

    public CallTimeCapInterceptor(CallTimeCap cap) {
        this.cap = cap;
    }

    @Override
    public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call, Metadata headers,
            ServerCallHandler<ReqT, RespT> next) {
        // In milliseconds: toNanos() overflows past 292 years, which a configured limit may exceed.
        Deadline capped = Deadline.after(cap.limit().toMillis(), TimeUnit.MILLISECONDS);
        Optional<Deadline> callers = CallContexts.callersDeadline(headers);
        if (callers.isPresent() && callers.get().isBefore(capped)) {
            return CallContexts.start(Context.current().withDeadline(callers.get(), deadlines), call, headers, next);
        }
        Context.CancellableContext context = Context.current().withValue(CallTimeCap.CAPPED, cap)
                .withDeadline(capped, deadlines);
        return CallContexts.start(context, new CapReported<>(call, cap), headers, next);
    }

    /** Puts the cap's status and ErrorInfo on a capped call that ends DEADLINE_EXCEEDED. */
    private static final class CapReported<ReqT, RespT> extends SimpleForwardingServerCall<ReqT, RespT> {
        private final CallTimeCap cap;

        CapReported(ServerCall<ReqT, RespT> call, CallTimeCap cap) {
            super(call);
            this.cap = cap;
        }

        @Override
        public void close(Status status, Metadata trailers) {
            if (status.getCode() != Status.Code.DEADLINE_EXCEEDED) {
                super.close(status, trailers);
            } else {
                super.close(cap.exceeded().getStatus(), cap.withDetails(trailers));
            }
        }
    }

    @PreDestroy
    public void close() {
        deadlines.shutdownNow();
    }
}
