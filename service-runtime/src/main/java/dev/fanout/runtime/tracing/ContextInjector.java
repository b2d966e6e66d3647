package dev.fanout.runtime.tracing;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall.SimpleForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;

/** Sends a given trace context (traceparent, tracestate, baggage: whatever the propagator writes) with every call. */
final class ContextInjector implements ClientInterceptor {

    private static final TextMapSetter<Metadata> METADATA =
            (headers, key, value) -> headers.put(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER), value);

    private final Context context;
    private final TextMapPropagator propagator;

    ContextInjector(Context context, TextMapPropagator propagator) {
        this.context = context;
        this.propagator = propagator;
    }

    @Override
    public <ReqT, RespT> ClientCall<ReqT, RespT> interceptCall(MethodDescriptor<ReqT, RespT> method,
            CallOptions options, Channel next) {
        return new SimpleForwardingClientCall<>(next.newCall(method, options)) {
            @Override
            public void start(Listener<RespT> listener, Metadata headers) {
                propagator.inject(context, headers, METADATA);
                super.start(listener, headers);
            }
        };
    }
}
