package dev.fanout.runtime.tracing;

import dev.fanout.runtime.pods.PodsObserver;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.Status;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import jakarta.inject.Singleton;

/**
 * A span per PODS attempt, the child of the span current when the call started (the server span of
 * the call being fanned out), and the worker's own server span as its child: the attempt's context
 * goes to the worker in the call's metadata (W3C traceparent with the default propagators).
 *
 * <p>While tracing is off (Quarkus's SDK disabled), spans are still made, a few objects each, but
 * nothing is exported and no traceparent is sent.
 */
@Singleton
public class PodsTracing implements PodsObserver {

    static final AttributeKey<String> POOL = AttributeKey.stringKey("fanout.pool");
    static final AttributeKey<String> WORKER = AttributeKey.stringKey("fanout.worker");
    static final AttributeKey<String> PART = AttributeKey.stringKey("fanout.part");
    static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("fanout.attempt");
    static final AttributeKey<Boolean> SPECULATIVE = AttributeKey.booleanKey("fanout.speculative");
    static final AttributeKey<Boolean> RETRY = AttributeKey.booleanKey("fanout.retry");
    /** The semantic conventions' name for a gRPC call's status code. */
    static final AttributeKey<Long> GRPC_STATUS = AttributeKey.longKey("rpc.grpc.status_code");

    private final Tracer tracer;
    private final TextMapPropagator propagator;

    /** {@code openTelemetry}: Quarkus's; while tracing is off, an SDK that exports nothing and propagates nothing. */
    public PodsTracing(OpenTelemetry openTelemetry) {
        this.tracer = openTelemetry.getTracer("dev.fanout.pods");
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
    }

    @Override
    public CallObserver callStarted(String pool, int parts) {
        // The fan-out runs attempts on its own threads: the parent is taken here, where it is current.
        Context parent = Context.current();
        return attempt -> {
            Span span = start(parent, attempt);
            return new AttemptSpan(span, parent.with(span), propagator);
        };
    }

    private Span start(Context parent, AttemptInfo attempt) {
        return tracer.spanBuilder("PODS " + attempt.pool() + " attempt")
                .setParent(parent)
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute(POOL, attempt.pool())
                .setAttribute(WORKER, attempt.worker())
                .setAttribute(PART, attempt.part())
                .setAttribute(ATTEMPT, (long) attempt.number())
                .setAttribute(SPECULATIVE, attempt.speculative())
                .setAttribute(RETRY, attempt.retry())
                .startSpan();
    }

    private record AttemptSpan(Span span, Context context, TextMapPropagator propagator) implements AttemptObserver {

        @Override
        public Channel channel(Channel channel) {
            return ClientInterceptors.intercept(channel, new ContextInjector(context, propagator));
        }

        @Override
        public void ended(Status status) {
            span.setAttribute(GRPC_STATUS, (long) status.getCode().value());
            if (!status.isOk()) {
                // A cancelled try (a speculative loser, or its call ended) ends CANCELLED, not as a success.
                span.setStatus(StatusCode.ERROR, status.getDescription() == null ? status.getCode().name()
                        : status.getCode() + ": " + status.getDescription());
            }
            span.end();
        }
    }
}
