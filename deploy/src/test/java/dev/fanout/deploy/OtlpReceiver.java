package dev.fanout.deploy;

import com.google.protobuf.ByteString;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * An OTLP/HTTP trace receiver on loopback (POST /v1/traces, protobuf), as a collector would be: what
 * the services export, span by span, with the process each span came from.
 */
final class OtlpReceiver implements AutoCloseable {

    /** One exported span; ids in lower-case hex, the parent empty for a span whose parent is remote or none. */
    record Span(String process, String traceId, String spanId, String parentId, String name, long startNanos, long endNanos,
            Map<String, String> attributes, String status) {

        double millis() {
            return (endNanos - startNanos) / 1e6;
        }
    }

    private static final HexFormat HEX = HexFormat.of();

    private final HttpServer server;
    private final List<Span> spans = new CopyOnWriteArrayList<>();

    OtlpReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/traces", this::export);
        server.start();
    }

    /** The endpoint to give a service: OTEL_EXPORTER_OTLP_ENDPOINT, with the http/protobuf protocol. */
    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void export(HttpExchange exchange) throws IOException {
        try (InputStream body = exchange.getRequestBody()) {
            ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(body);
            for (ResourceSpans resource : request.getResourceSpansList()) {
                Map<String, String> process = attributes(resource.getResource().getAttributesList());
                String name = process.get("service.name") + "/" + process.get("service.instance.id");
                for (ScopeSpans scope : resource.getScopeSpansList()) {
                    scope.getSpansList().forEach(span -> spans.add(new Span(name, hex(span.getTraceId()), hex(span.getSpanId()),
                            hex(span.getParentSpanId()), span.getName(), span.getStartTimeUnixNano(), span.getEndTimeUnixNano(),
                            attributes(span.getAttributesList()), span.getStatus().getCode().name())));
                }
            }
        }
        byte[] response = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
        exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
        exchange.sendResponseHeaders(200, response.length == 0 ? -1 : response.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(response);
        }
    }

    private static String hex(ByteString id) {
        return HEX.formatHex(id.toByteArray());
    }

    private static Map<String, String> attributes(List<KeyValue> attributes) {
        Map<String, String> map = new LinkedHashMap<>();
        for (KeyValue attribute : attributes) {
            AnyValue value = attribute.getValue();
            map.put(attribute.getKey(), switch (value.getValueCase()) {
                case STRING_VALUE -> value.getStringValue();
                case INT_VALUE -> Long.toString(value.getIntValue());
                case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
                case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
                default -> value.toString();
            });
        }
        return map;
    }

    /** Every span received so far. */
    List<Span> spans() {
        return List.copyOf(spans);
    }

    /** The spans of one trace, once {@code complete} holds for them (exporters send in batches), or what came within the timeout. */
    List<Span> trace(String traceId, Predicate<List<Span>> complete, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Span> trace;
        do {
            trace = spans.stream().filter(span -> span.traceId().equals(traceId)).toList();
            if (complete.test(trace)) {
                return trace;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        return trace;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
