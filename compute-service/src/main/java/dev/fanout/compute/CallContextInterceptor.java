package dev.fanout.compute;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Deadline;
import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
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
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Gives every call the gRPC Context that grpc-java's own server would: it carries the caller's
 * deadline (the grpc-timeout header) and is cancelled when the caller cancels, the deadline passes or
 * the call ends. Quarkus's unified server (the Vert.x bridge) starts calls without one, and its unary
 * Mutiny calls are never told of a cancellation; the service and the worker calls rely on this one.
 *
 * <p>The deadline is also capped at {@code fanout.compute.max-call-duration}, so a call without one
 * (grpcurl's default) over a range that would take years cannot hold the cores for good.
 */
@ApplicationScoped
@GlobalInterceptor
public class CallContextInterceptor implements ServerInterceptor {

    private static final Metadata.Key<String> TIMEOUT = Metadata.Key.of("grpc-timeout", Metadata.ASCII_STRING_MARSHALLER);

    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("call-deadlines").factory());

    @ConfigProperty(name = "fanout.compute.max-call-duration")
    Duration maxCallDuration;

    @Override
    public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call, Metadata headers,
            ServerCallHandler<ReqT, RespT> next) {
        Deadline cap = Deadline.after(maxCallDuration.toMillis(), TimeUnit.MILLISECONDS); // toNanos() overflows past 292 years
        Optional<Deadline> callers = timeout(headers.get(TIMEOUT));
        boolean capped = callers.map(cap::isBefore).orElse(true);
        Context.CancellableContext context = Context.current().withDeadline(capped ? cap : callers.get(), deadlines);
        ServerCall<ReqT, RespT> answered = capped ? new CapReported<>(call, maxCallDuration) : call;
        return new SimpleForwardingServerCallListener<>(Contexts.interceptCall(context, answered, headers, next)) {
            @Override
            public void onCancel() {
                try {
                    super.onCancel();
                } finally {
                    context.cancel(null);
                }
            }

            @Override
            public void onComplete() {
                try {
                    super.onComplete();
                } finally {
                    context.cancel(null);
                }
            }
        };
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

    /** The gRPC wire format: up to 8 digits and a unit, H M S m u n (hours down to nanoseconds). */
    static Optional<Deadline> timeout(String header) {
        if (header == null || header.length() < 2 || header.length() > 9) {
            return Optional.empty();
        }
        long amount;
        try {
            amount = Long.parseLong(header.substring(0, header.length() - 1));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        TimeUnit unit = switch (header.charAt(header.length() - 1)) {
            case 'H' -> TimeUnit.HOURS;
            case 'M' -> TimeUnit.MINUTES;
            case 'S' -> TimeUnit.SECONDS;
            case 'm' -> TimeUnit.MILLISECONDS;
            case 'u' -> TimeUnit.MICROSECONDS;
            case 'n' -> TimeUnit.NANOSECONDS;
            default -> null;
        };
        return unit == null ? Optional.empty() : Optional.of(Deadline.after(amount, unit));
    }

    @PreDestroy
    void stop() {
        deadlines.shutdownNow();
    }
}
