package dev.fanout.cli.client;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall.SimpleForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;

/**
 * The start of a trace, as W3C Trace Context's traceparent header says it: a new trace id, the id of
 * the client's own (unrecorded) span, and the sampled flag, so the services record the call. Sent
 * with every call of a channel it intercepts; no OpenTelemetry SDK needed on this side.
 */
public record TraceParent(String traceId, String spanId) implements ClientInterceptor {

    static final Metadata.Key<String> HEADER = Metadata.Key.of("traceparent", Metadata.ASCII_STRING_MARSHALLER);
    private static final HexFormat HEX = HexFormat.of();

    /** Random ids: 16 bytes of trace id, 8 of span id, never all zero (which means invalid). */
    public static TraceParent random() {
        SecureRandom random = new SecureRandom();
        return new TraceParent(nonZeroHex(random, 16), nonZeroHex(random, 8));
    }

    private static String nonZeroHex(SecureRandom random, int bytes) {
        byte[] id = new byte[bytes];
        do {
            random.nextBytes(id);
        } while (Arrays.equals(id, new byte[bytes]));
        return HEX.formatHex(id);
    }

    /** version 00, sampled (flags 01). */
    public String header() {
        return "00-" + traceId + "-" + spanId + "-01";
    }

    @Override
    public <ReqT, RespT> ClientCall<ReqT, RespT> interceptCall(MethodDescriptor<ReqT, RespT> method, CallOptions options,
            Channel next) {
        return new SimpleForwardingClientCall<>(next.newCall(method, options)) {
            @Override
            public void start(Listener<RespT> listener, Metadata headers) {
                headers.put(HEADER, header());
                super.start(listener, headers);
            }
        };
    }
}
