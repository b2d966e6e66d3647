package dev.fanout.runtime.calls;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Deadline;
import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.Status;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Gives a call on Quarkus's unified gRPC server the Context grpc-java's own server would: cancelled
 * when the caller goes away, when the call ends, or at its deadline. {@link CallTimeCapInterceptor}
 * starts every call through here, and the services tie their work to that Context with
 * {@link #boundTo} or {@link #boundToEndingAtCap}.
 *
 * <p>Why it is needed (vertx-grpc 4.5, Quarkus 3.33): the Vert.x bridge starts calls without a
 * Context, so nothing carries the caller's deadline; it tells a call of a cancellation only when an
 * RST_STREAM with CANCEL arrives. A caller whose process exits or is killed, or whose connection
 * drops, sends no RST_STREAM: the stream just closes, and the call would run on to its end. The
 * HTTP/2 stream's close does reach the routing context's end handlers, so that is listened to here.
 */
public final class CallContexts {

    private static final Metadata.Key<String> TIMEOUT = Metadata.Key.of("grpc-timeout", Metadata.ASCII_STRING_MARSHALLER);

    private CallContexts() {
    }

    /** The caller's deadline, from the grpc-timeout header; empty when the caller set none. */
    public static Optional<Deadline> callersDeadline(Metadata headers) {
        return timeout(headers.get(TIMEOUT));
    }

    /**
     * Starts {@code call} with {@code context} current in every listener callback, and cancels
     * {@code context} when the call completes, is cancelled, or its HTTP/2 stream closes for any
     * reason (the caller reset it, its connection dropped).
     */
    public static <ReqT, RespT> ServerCall.Listener<ReqT> start(Context.CancellableContext context,
            ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next) {
        SilentOnceGone<ReqT, RespT> answers = new SilentOnceGone<>(call);
        // Set by Quarkus's gRPC route while it hands the request to the gRPC server, which starts the call.
        Object routing = Vertx.currentContext() == null ? null : Vertx.currentContext().getLocal(RoutingContext.class.getName());
        if (routing instanceof RoutingContext request) {
            // Called when the response ends or the stream or its connection closes: either way, the call is over.
            request.addEndHandler(ended -> {
                answers.gone = true;
                context.cancel(null);
            });
        }
        return new SimpleForwardingServerCallListener<>(Contexts.interceptCall(context, answers, headers, next)) {
            @Override
            public void onCancel() {
                answers.gone = true; // before anything the cancel sets off can answer
                context.cancel(null); // first: stopping the work must not wait for the other listeners
                super.onCancel();
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

    /**
     * A call that writes nothing once its caller has gone (reset the stream, or the stream closed).
     * grpc-java's own server drops such writes; the Vert.x bridge (vertx-grpc 4.5) passes them on, and
     * HEADERS written on a stream the caller reset make Netty fail the write with a connection error
     * in its cause, which tears down the whole connection: GOAWAY PROTOCOL_ERROR "Request stream N is
     * not correct for server connection", failing every other call on it. A unary call's answer is
     * written even after a cancel (grpc-java's stub observer checks the cancel only for streams), so
     * one user cancelling a call just as it finished ended everyone's calls on that connection.
     * Every write and the cancel run on the call's event loop (see CallLoop), so the flag needs no
     * more than volatile.
     */
    private static final class SilentOnceGone<ReqT, RespT> extends ForwardingServerCall.SimpleForwardingServerCall<ReqT, RespT> {

        volatile boolean gone;

        SilentOnceGone(ServerCall<ReqT, RespT> call) {
            super(call);
        }

        @Override
        public void sendHeaders(Metadata headers) {
            if (!gone) {
                super.sendHeaders(headers);
            }
        }

        @Override
        public void sendMessage(RespT message) {
            if (!gone) {
                super.sendMessage(message);
            }
        }

        @Override
        public void close(Status status, Metadata trailers) {
            if (!gone) {
                super.close(status, trailers);
            }
        }

        @Override
        public boolean isCancelled() {
            return gone || super.isCancelled();
        }
    }

    /**
     * {@code work}, cancelled when {@code context} is, which then fails with the context's status
     * (CANCELLED or DEADLINE_EXCEEDED) for whoever still listens.
     */
    public static <T> Multi<T> boundTo(Context context, Multi<T> work) {
        return bind(context, work, cancelled -> false);
    }

    /**
     * As {@link #boundTo}, except at the service's own time cap: then the Uni given to {@code work}
     * emits the cap, and the work ends itself (streaming what it still has to say, then failing with
     * the cap's status) instead of being cut off. The caller's deadline or cancel still cut it off.
     */
    public static <T> Multi<T> boundToEndingAtCap(Context context, Function<Uni<CallTimeCap>, Multi<T>> work) {
        CompletableFuture<CallTimeCap> reached = new CompletableFuture<>();
        Optional<CallTimeCap> cap = CallTimeCap.of(context);
        return bind(context, work.apply(Uni.createFrom().completionStage(reached)), cancelled -> {
            if (cap.isPresent() && cancelled.cancellationCause() instanceof TimeoutException) {
                reached.complete(cap.get());
                return true;
            }
            return false;
        });
    }

    /** {@code work}, cancelled and failed when {@code context} is, unless {@code endsItself} takes the cancellation. */
    private static <T> Multi<T> bind(Context context, Multi<T> work, Predicate<Context> endsItself) {
        return Multi.createFrom().emitter(emitter -> {
            // The cancellation and the work's own failure can race (a worker call fails with the same
            // deadline): the first ends the stream, a later one is the expected echo and is not reported.
            AtomicBoolean ended = new AtomicBoolean();
            Consumer<Throwable> fail = failure -> {
                // Cancelled: the caller reset the call, and no one is left to tell.
                if (ended.compareAndSet(false, true) && !emitter.isCancelled()) {
                    emitter.fail(failure);
                }
            };
            Cancellable subscription = work.subscribe().with(emitter::emit, fail, () -> {
                if (ended.compareAndSet(false, true)) {
                    emitter.complete();
                }
            });
            Context.CancellationListener listener = cancelled -> {
                if (endsItself.test(cancelled)) {
                    return;
                }
                subscription.cancel();
                fail.accept(Contexts.statusFromCancelled(cancelled).asRuntimeException());
            };
            context.addListener(listener, Runnable::run);
            emitter.onTermination(() -> {
                context.removeListener(listener);
                subscription.cancel();
            });
        });
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
}
