package dev.fanout.cli;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import com.google.protobuf.Duration;

import dev.fanout.cli.client.Service;
import dev.fanout.v1.ComputeGrpc;
import dev.fanout.v1.ComputeMode;
import dev.fanout.v1.ComputePart;
import dev.fanout.v1.ComputeProgress;
import dev.fanout.v1.FetchError;
import dev.fanout.v1.FetchEvent;
import dev.fanout.v1.FetchMode;
import dev.fanout.v1.FetchRequest;
import dev.fanout.v1.FetchResult;
import dev.fanout.v1.FetchSummary;
import dev.fanout.v1.FetcherGrpc;
import dev.fanout.v1.SumOfSquaresEvent;
import dev.fanout.v1.SumOfSquaresRequest;
import dev.fanout.v1.SumOfSquaresResponse;
import dev.fanout.v1.support.ProtoDurations;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.reflection.service.ReflectionServiceV1;

/**
 * Stand-ins for the compute and fetcher services on one loopback port, fake but honest: sums are
 * exact (closed form), and time is really spent. Compute "works" 1 ms per million integers, split
 * over 2 threads in CORES mode, and has no workers for PODS. Fetch URLs of the form
 * .../delay/{ms}/bytes/{n} take ms and yield n bytes, at most `concurrency` at once (1 in SEQUENTIAL);
 * URLs containing "/status/500" fail; PODS is unimplemented. Server reflection lists what is served.
 * Register it in a test class with
 * {@code @RegisterExtension static final FakeServices services = new FakeServices();}: it serves
 * from before the first test to after the last.
 */
public final class FakeServices implements BeforeAllCallback, AfterAllCallback, AutoCloseable {
    private static final Pattern ORIGIN = Pattern.compile("/delay/(\\d+)/bytes/(\\d+)");
    private static final int CORES = 2;

    private final ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
    private final Set<Service> served;
    private volatile String lastTraceparent;
    private Server server;

    /** Both services on one port. */
    public FakeServices() {
        this(Service.COMPUTE, Service.FETCHER);
    }

    /** Only the services named, as one Fanout app alone serves its own. */
    public FakeServices(Service... served) {
        this.served = EnumSet.copyOf(List.of(served));
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /** Serves from now until {@link #close}, outside JUnit too (the start-up training does so). */
    public FakeServices start() throws IOException {
        List<ServerServiceDefinition> services = new ArrayList<>();
        if (served.contains(Service.COMPUTE)) {
            services.add(ComputeGrpc.bindService(new Compute()));
        }
        if (served.contains(Service.FETCHER)) {
            services.add(FetcherGrpc.bindService(new Fetcher()));
        }
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0));
        // Remembers the traceparent a call arrived with, as the services' tracing reads it.
        ServerInterceptor traceparent = new ServerInterceptor() {
            @Override
            public <ReqT, RespT> io.grpc.ServerCall.Listener<ReqT> interceptCall(io.grpc.ServerCall<ReqT, RespT> call,
                    Metadata headers, io.grpc.ServerCallHandler<ReqT, RespT> next) {
                lastTraceparent = headers.get(Metadata.Key.of("traceparent", Metadata.ASCII_STRING_MARSHALLER));
                return next.startCall(call, headers);
            }
        };
        services.forEach(service -> builder.addService(ServerInterceptors.intercept(service, traceparent)));
        // Server reflection lists them, as on the real services (Quarkus's reflection implementation, which theirs wraps).
        server = builder.addService(new ReflectionServiceV1(List.copyOf(services))).build().start();
        return this;
    }

    @Override
    public void close() {
        server.shutdownNow();
        pool.shutdownNow();
    }

    /** The traceparent header of the last call to compute or fetch; null if it had none. */
    public String lastTraceparent() {
        return lastTraceparent;
    }

    public String address() {
        return "127.0.0.1:" + server.getPort();
    }

    /** Sum of i*i for 0 <= i < n: (n-1) n (2n-1) / 6. */
    static BigInteger squaresBelow(long n) {
        BigInteger b = BigInteger.valueOf(n);
        return b.subtract(BigInteger.ONE).multiply(b).multiply(b.shiftLeft(1).subtract(BigInteger.ONE)).divide(BigInteger.valueOf(6));
    }

    static Duration proto(long nanos) {
        return ProtoDurations.of(java.time.Duration.ofNanos(nanos));
    }

    private static void sleepMillis(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // AsyncService rather than ImplBase: Quarkus would take an ImplBase subclass for a service of the app.
    private final class Compute implements ComputeGrpc.AsyncService {
        @Override
        public void sumOfSquares(SumOfSquaresRequest request, StreamObserver<SumOfSquaresResponse> response) {
            run(request, response::onError, progress -> { }, result -> {
                response.onNext(result);
                response.onCompleted();
            });
        }

        @Override
        public void sumOfSquaresStream(SumOfSquaresRequest request, StreamObserver<SumOfSquaresEvent> events) {
            run(request, events::onError, p -> events.onNext(SumOfSquaresEvent.newBuilder().setProgress(p).build()), result -> {
                events.onNext(SumOfSquaresEvent.newBuilder().setResult(result).build());
                events.onCompleted();
            });
        }

        private void run(SumOfSquaresRequest request, java.util.function.Consumer<Throwable> onError,
                java.util.function.Consumer<ComputeProgress> onProgress, java.util.function.Consumer<SumOfSquaresResponse> onResult) {
            if (request.getStart() > request.getEnd()) {
                onError.accept(Status.INVALID_ARGUMENT.withDescription("start (" + request.getStart()
                        + ") must not be greater than end (" + request.getEnd() + ")").asRuntimeException());
                return;
            }
            ComputeMode mode = request.getMode() == ComputeMode.COMPUTE_MODE_UNSPECIFIED ? ComputeMode.COMPUTE_MODE_CORES : request.getMode();
            if (mode == ComputeMode.COMPUTE_MODE_PODS) {
                onError.accept(Status.FAILED_PRECONDITION.withDescription("no worker pods configured (fanout.compute.workers)").asRuntimeException());
                return;
            }
            long started = System.nanoTime();
            int threads = mode == ComputeMode.COMPUTE_MODE_SINGLE ? 1 : CORES;
            int parts = mode == ComputeMode.COMPUTE_MODE_SINGLE ? 1 : request.getParts() == 0 ? CORES : request.getParts();
            long length = request.getEnd() - request.getStart();
            // Parts run `threads` at a time, each "working" 1 ms per million integers.
            List<ComputePart> done = new ArrayList<>();
            for (int wave = 0; wave < parts; wave += threads) {
                long waveLength = 0;
                for (int p = wave; p < Math.min(parts, wave + threads); p++) {
                    waveLength = Math.max(waveLength, partEnd(request, p, parts) - partStart(request, p, parts));
                }
                sleepMillis(waveLength / 1_000_000);
                for (int p = wave; p < Math.min(parts, wave + threads); p++) {
                    long s = partStart(request, p, parts);
                    long e = partEnd(request, p, parts);
                    done.add(ComputePart.newBuilder().setStart(s).setEnd(e).setSum(squaresBelow(e).subtract(squaresBelow(s)).toString())
                            .setWorker("fake-" + (p % threads)).setElapsed(proto(waveLength * 1_000)).setAttempts(1).setKernel("bigint").build());
                    onProgress.accept(ComputeProgress.newBuilder().setPartsDone(done.size()).setPartsTotal(parts).setPart(done.getLast()).build());
                }
            }
            onResult.accept(SumOfSquaresResponse.newBuilder()
                    .setSum(squaresBelow(request.getEnd()).subtract(squaresBelow(request.getStart())).toString())
                    .setElapsed(proto(System.nanoTime() - started)).setMode(mode).addAllParts(done)
                    .setServedBy("fake-compute").setParallelism(threads).build());
        }

        private long partStart(SumOfSquaresRequest r, int p, int parts) {
            return r.getStart() + (r.getEnd() - r.getStart()) * p / parts;
        }

        private long partEnd(SumOfSquaresRequest r, int p, int parts) {
            return r.getStart() + (r.getEnd() - r.getStart()) * (p + 1) / parts;
        }
    }

    private final class Fetcher implements FetcherGrpc.AsyncService {
        @Override
        public void fetch(FetchRequest request, StreamObserver<FetchEvent> events) {
            if (request.getUrlsCount() == 0) {
                events.onError(Status.INVALID_ARGUMENT.withDescription("urls: give at least one URL").asRuntimeException());
                return;
            }
            FetchMode mode = request.getMode() == FetchMode.FETCH_MODE_UNSPECIFIED ? FetchMode.FETCH_MODE_REACTIVE : request.getMode();
            if (mode == FetchMode.FETCH_MODE_PODS) {
                events.onError(Status.UNIMPLEMENTED.withDescription("FETCH_MODE_PODS is not implemented yet").asRuntimeException());
                return;
            }
            int concurrency = mode == FetchMode.FETCH_MODE_SEQUENTIAL ? 1 : request.getConcurrency() == 0 ? 100 : request.getConcurrency();
            ServerCallStreamObserver<FetchEvent> out = (ServerCallStreamObserver<FetchEvent>) events;
            long started = System.nanoTime();
            Semaphore slots = new Semaphore(concurrency);
            AtomicInteger ok = new AtomicInteger();
            AtomicInteger failed = new AtomicInteger();
            AtomicLong bytes = new AtomicLong();
            List<java.util.concurrent.Future<?>> downloads = new ArrayList<>();
            for (int i = 0; i < request.getUrlsCount(); i++) {
                int index = i;
                slots.acquireUninterruptibly();
                downloads.add(pool.submit(() -> {
                    try {
                        FetchResult result = download(index, request.getUrls(index));
                        if (result.getError() == FetchError.FETCH_ERROR_UNSPECIFIED) {
                            ok.incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                        }
                        bytes.addAndGet(result.getBytes());
                        synchronized (out) {
                            if (!out.isCancelled()) {
                                out.onNext(FetchEvent.newBuilder().setResult(result).build());
                            }
                        }
                    } finally {
                        slots.release();
                    }
                }));
            }
            for (var d : downloads) {
                try {
                    d.get(1, TimeUnit.MINUTES);
                } catch (Exception e) {
                    events.onError(Status.INTERNAL.withCause(e).asRuntimeException());
                    return;
                }
            }
            synchronized (out) {
                if (!out.isCancelled()) {
                    out.onNext(FetchEvent.newBuilder().setSummary(FetchSummary.newBuilder().setOk(ok.get()).setFailed(failed.get())
                            .setBytes(bytes.get()).setElapsed(proto(System.nanoTime() - started)).setMode(mode)
                            .setConcurrency(concurrency).setFetchers(1)).build());
                    out.onCompleted();
                }
            }
        }

        private FetchResult download(int index, String url) {
            long started = System.nanoTime();
            FetchResult.Builder result = FetchResult.newBuilder().setIndex(index).setUrl(url).setFinalUrl(url).setAttempts(1)
                    .setFetchedBy("fake-fetcher");
            if (url.contains("/status/500")) {
                return result.setStatus(500).setError(FetchError.FETCH_ERROR_HTTP_STATUS)
                        .setErrorMessage("the origin answered HTTP 500").setElapsed(proto(System.nanoTime() - started)).build();
            }
            Matcher m = ORIGIN.matcher(url);
            long delay = m.find() ? Long.parseLong(m.group(1)) : 0;
            long size = m.find(0) ? Long.parseLong(m.group(2)) : 100;
            sleepMillis(delay);
            long elapsed = System.nanoTime() - started;
            return result.setStatus(200).setBytes(size).setSha256("0".repeat(64)).setTimeToFirstByte(proto(elapsed))
                    .setElapsed(proto(elapsed)).build();
        }
    }
}
