package dev.fanout.runtime.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.runtime.pods.PodsObserver;
import dev.fanout.runtime.pods.PodsObserver.AttemptInfo;
import dev.fanout.runtime.pods.PodsObserver.AttemptObserver;
import grpc.health.v1.HealthGrpc;
import grpc.health.v1.HealthOuterClass.HealthCheckRequest;
import grpc.health.v1.HealthOuterClass.HealthCheckResponse;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * PodsTracing with the OpenTelemetry SDK writing to memory, against a real gRPC worker on loopback
 * that reads the trace context its calls arrive with, as a worker's Quarkus server does.
 */
class PodsTracingTest {

    private final InMemorySpanExporter exported = InMemorySpanExporter.create();
    private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exported)).build())
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
            .build();
    /** The span context the worker's last call arrived with, as the W3C propagator reads it. */
    private final AtomicReference<SpanContext> arrivedWith = new AtomicReference<>();
    private volatile Status workerAnswers = Status.OK;
    private Server worker;
    private ManagedChannel channel;

    @BeforeEach
    void startWorker() throws Exception {
        worker = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(ServerInterceptors.intercept(new Worker(), new ReadsTraceContext()))
                .build().start();
        channel = NettyChannelBuilder.forAddress((InetSocketAddress) worker.getListenSockets().getFirst())
                .usePlaintext().build();
    }

    @AfterEach
    void stop() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        worker.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        sdk.close();
    }

    @Test
    void anAttemptIsAChildOfTheCallsSpanAndTheWorkerCallIsItsChild() throws Exception {
        Span server = sdk.getTracer("test").spanBuilder("server call").startSpan();
        PodsObserver.CallObserver call;
        try (Scope ignored = server.makeCurrent()) {
            call = new PodsTracing(sdk).callStarted("compute", 4);
        }
        // The fan-out starts attempts on its own threads, where the call's span is not current.
        AttemptObserver attempt = CompletableFuture.supplyAsync(() -> call.attemptStarted(
                new AttemptInfo("compute", "compute-worker-1", "[0, 1000000)", 2, true, false))).get();
        check(attempt);
        attempt.ended(Status.OK);
        server.end();

        SpanData span = attemptSpan();
        assertEquals(server.getSpanContext().getTraceId(), span.getTraceId());
        assertEquals(server.getSpanContext().getSpanId(), span.getParentSpanId());
        assertEquals(span.getSpanContext().getTraceId(), arrivedWith.get().getTraceId());
        assertEquals(span.getSpanId(), arrivedWith.get().getSpanId(), "the worker's parent is the attempt");
        assertTrue(arrivedWith.get().isSampled());
        assertEquals("PODS compute attempt", span.getName());
        assertEquals(SpanKind.CLIENT, span.getKind());
        assertEquals("compute", span.getAttributes().get(PodsTracing.POOL));
        assertEquals("compute-worker-1", span.getAttributes().get(PodsTracing.WORKER));
        assertEquals("[0, 1000000)", span.getAttributes().get(PodsTracing.PART));
        assertEquals(2L, span.getAttributes().get(PodsTracing.ATTEMPT));
        assertEquals(true, span.getAttributes().get(PodsTracing.SPECULATIVE));
        assertEquals(false, span.getAttributes().get(PodsTracing.RETRY));
        assertEquals(0L, span.getAttributes().get(PodsTracing.GRPC_STATUS));
        assertEquals(StatusCode.UNSET, span.getStatus().getStatusCode());
    }

    @Test
    void aFailedAttemptEndsWithItsStatus() {
        workerAnswers = Status.UNAVAILABLE.withDescription("worker failing on purpose");
        AttemptObserver attempt = new PodsTracing(sdk).callStarted("fetcher", 1)
                .attemptStarted(new AttemptInfo("fetcher", "10.0.0.7:8082", "URLs 0-19 (20)", 1, false, true));
        StatusRuntimeException failure = assertThrows(StatusRuntimeException.class, () -> check(attempt));
        attempt.ended(failure.getStatus());

        SpanData span = attemptSpan();
        assertEquals(StatusCode.ERROR, span.getStatus().getStatusCode());
        assertEquals("UNAVAILABLE: worker failing on purpose", span.getStatus().getDescription());
        assertEquals((long) Status.Code.UNAVAILABLE.value(), span.getAttributes().get(PodsTracing.GRPC_STATUS));
        assertEquals(true, span.getAttributes().get(PodsTracing.RETRY));
        assertTrue(arrivedWith.get() != null && arrivedWith.get().isValid(), "a call without a parent span starts a trace");
        assertEquals(span.getSpanId(), arrivedWith.get().getSpanId());
    }

    @Test
    void aCancelledAttemptEndsCancelled() {
        AttemptObserver attempt = new PodsTracing(sdk).callStarted("compute", 2)
                .attemptStarted(new AttemptInfo("compute", "compute-worker-2", "[5, 10)", 1, false, false));
        attempt.ended(Status.CANCELLED);

        SpanData span = attemptSpan();
        assertEquals(StatusCode.ERROR, span.getStatus().getStatusCode());
        assertEquals("CANCELLED", span.getStatus().getDescription());
        assertEquals((long) Status.Code.CANCELLED.value(), span.getAttributes().get(PodsTracing.GRPC_STATUS));
    }

    @Test
    void withTracingOffNothingIsSentOrRecorded() {
        AttemptObserver attempt = new PodsTracing(OpenTelemetry.noop()).callStarted("compute", 1)
                .attemptStarted(new AttemptInfo("compute", "w", "[0, 1)", 1, false, false));
        check(attempt);
        attempt.ended(Status.OK);

        assertNull(arrivedWith.get(), "no traceparent header");
        assertTrue(exported.getFinishedSpanItems().isEmpty());
    }

    private void check(AttemptObserver attempt) {
        HealthGrpc.newBlockingStub(attempt.channel(channel)).withDeadlineAfter(10, TimeUnit.SECONDS)
                .check(HealthCheckRequest.getDefaultInstance());
    }

    private SpanData attemptSpan() {
        List<SpanData> attempts = exported.getFinishedSpanItems().stream()
                .filter(span -> span.getName().startsWith("PODS ")).toList();
        assertEquals(1, attempts.size(), () -> "one attempt span: " + attempts);
        return attempts.getFirst();
    }

    private final class Worker extends HealthGrpc.HealthImplBase {
        @Override
        public void check(HealthCheckRequest request, StreamObserver<HealthCheckResponse> responses) {
            if (workerAnswers.isOk()) {
                responses.onNext(HealthCheckResponse.newBuilder().setStatus(HealthCheckResponse.ServingStatus.SERVING).build());
                responses.onCompleted();
            } else {
                responses.onError(workerAnswers.asRuntimeException());
            }
        }
    }

    /** Reads the caller's trace context from the call's metadata, as a traced server does. */
    private final class ReadsTraceContext implements ServerInterceptor {
        @Override
        public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call, Metadata headers,
                ServerCallHandler<ReqT, RespT> next) {
            if (headers.containsKey(Metadata.Key.of("traceparent", Metadata.ASCII_STRING_MARSHALLER))) {
                Context context = W3CTraceContextPropagator.getInstance().extract(Context.root(), headers, METADATA);
                arrivedWith.set(Span.fromContext(context).getSpanContext());
            }
            return next.startCall(call, headers);
        }
    }

    private static final TextMapGetter<Metadata> METADATA = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Metadata headers) {
            return headers.keys();
        }

        @Override
        public String get(Metadata headers, String key) {
            return headers == null ? null : headers.get(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER));
        }
    };
}
