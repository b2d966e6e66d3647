package dev.fanout.runtime.pods;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import grpc.health.v1.HealthGrpc;
import grpc.health.v1.HealthOuterClass.HealthCheckRequest;
import grpc.health.v1.HealthOuterClass.HealthCheckResponse;
import io.grpc.Context;
import io.grpc.InsecureChannelCredentials;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.Cancellable;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The fan-out against real gRPC servers on loopback addresses, each a worker that answers (the
 * health check stands in for a part's work) after a delay, fails, or hangs until its call is cancelled.
 */
class PodsFanoutTest {

    private static final PodsSettings FAST = new PodsSettings(3, Duration.ofMillis(10), 2, Duration.ofMillis(300),
            Duration.ofSeconds(5));

    /** The workers' own timers (the common pool may be busy with the test's blocking calls). */
    private static final ScheduledExecutorService DELAYS = Executors.newScheduledThreadPool(2,
            Thread.ofPlatform().daemon().factory());

    private final List<Worker> workers = new ArrayList<>();
    private final List<PodsFanout> fanouts = new ArrayList<>();

    @AfterEach
    void stop() throws InterruptedException {
        for (PodsFanout fanout : fanouts) {
            fanout.close();
        }
        for (Worker worker : workers) {
            worker.server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /** A worker on 127.0.77.N; {@code behaviour} is read on every call, so a test can change it. */
    private static final class Worker extends HealthGrpc.HealthImplBase {
        volatile String behaviour = "delay 0";
        final AtomicInteger started = new AtomicInteger();
        final AtomicInteger cancelled = new AtomicInteger();
        final AtomicInteger running = new AtomicInteger();
        Server server;

        @Override
        public void check(HealthCheckRequest request, StreamObserver<HealthCheckResponse> responses) {
            started.incrementAndGet();
            running.incrementAndGet();
            AtomicBoolean over = new AtomicBoolean();
            ((ServerCallStreamObserver<HealthCheckResponse>) responses).setOnCancelHandler(() -> {
                if (over.compareAndSet(false, true)) {
                    running.decrementAndGet();
                    cancelled.incrementAndGet();
                }
            });
            String now = behaviour;
            if (now.equals("hang")) {
                return; // answers nothing until the call is cancelled, as a SIGSTOPped pod
            }
            if (now.equals("fail")) {
                over.set(true);
                running.decrementAndGet();
                responses.onError(Status.UNAVAILABLE.withDescription("worker failing on purpose").asRuntimeException());
                return;
            }
            DELAYS.schedule(() -> {
                        if (over.compareAndSet(false, true)) {
                            running.decrementAndGet();
                            responses.onNext(HealthCheckResponse.newBuilder()
                                    .setStatus(HealthCheckResponse.ServingStatus.SERVING).build());
                            responses.onCompleted();
                        }
                    }, Long.parseLong(now.substring("delay ".length())), TimeUnit.MILLISECONDS);
        }
    }

    private Worker worker(int n, String behaviour) throws Exception {
        Worker worker = new Worker();
        worker.behaviour = behaviour;
        worker.server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.77." + n, 0)).addService(worker).build().start();
        workers.add(worker);
        return worker;
    }

    private static String address(Worker worker) {
        InetSocketAddress address = (InetSocketAddress) worker.server.getListenSockets().getFirst();
        return address.getAddress().getHostAddress() + ":" + address.getPort();
    }

    private PodsFanout fanout(PodsSettings settings, Worker... of) {
        String target = java.util.Arrays.stream(of).map(PodsFanoutTest::address).collect(Collectors.joining(","));
        PodsFanout fanout = new PodsFanout("test", PodsTarget.parse(target), settings, InsecureChannelCredentials.create(),
                new SimpleMeterRegistry());
        fanouts.add(fanout);
        return fanout;
    }

    /** What a part reports: which part, and where and at which try it was done. */
    record Done(int part, String worker, int attempt) {
    }

    /** Part {@code n}: one call with "part-n" as its payload. */
    private static final class Piece implements Part<Done> {
        final int n;
        final AtomicBoolean reported = new AtomicBoolean();
        volatile int gaveUpAfter;

        Piece(int n) {
            this.n = n;
        }

        @Override
        public Multi<Done> attempt(Attempt attempt) {
            return attempt.call(HealthGrpc.getCheckMethod(), HealthCheckRequest.newBuilder().setService("part-" + n).build())
                    .map(answer -> new Done(n, attempt.worker(), attempt.number()));
        }

        @Override
        public boolean firstReport(Done result) {
            return reported.compareAndSet(false, true);
        }

        @Override
        public List<Done> giveUp(Status last, int attempts) {
            gaveUpAfter = attempts;
            throw last.withDescription("part " + n + " gave up after " + attempts + ": " + last.getDescription()).asRuntimeException();
        }
    }

    private static List<Piece> parts(int count) {
        return IntStream.range(0, count).mapToObj(Piece::new).toList();
    }

    private static List<Done> run(PodsFanout fanout, List<Piece> parts) {
        return fanout.run(parts, Optional.of(Instant.now().plusSeconds(60))).collect().asList()
                .await().atMost(Duration.ofSeconds(60));
    }

    private static void assertExact(List<Done> done, int parts) {
        assertEquals(IntStream.range(0, parts).boxed().toList(), done.stream().map(Done::part).sorted().toList(),
                "each part reported once");
    }

    private static Map<String, Long> perWorker(List<Done> done) {
        return done.stream().collect(Collectors.groupingBy(Done::worker, Collectors.counting()));
    }

    @Test
    void aWorkerTwiceAsFastDoesAboutTwiceTheParts() throws Exception {
        Worker fast = worker(1, "delay 50");
        Worker slow = worker(2, "delay 100");
        List<Done> done = run(fanout(FAST, fast, slow), parts(60));
        assertExact(done, 60);
        long byFast = perWorker(done).get(address(fast));
        long bySlow = perWorker(done).get(address(slow));
        double ratio = (double) byFast / bySlow;
        assertTrue(ratio > 1.6 && ratio < 2.5, "fast did " + byFast + ", slow " + bySlow);
    }

    @Test
    void aWorkerRunsAtMostInFlightPerWorkerPartsAtOnce() throws Exception {
        Worker only = worker(1, "delay 50");
        AtomicInteger most = new AtomicInteger();
        PodsFanout fanout = fanout(FAST, only);
        CompletableFuture<List<Done>> call = CompletableFuture.supplyAsync(() -> run(fanout, parts(20)));
        while (!call.isDone()) {
            most.accumulateAndGet(only.running.get(), Math::max);
            Thread.sleep(2);
        }
        assertExact(call.get(), 20);
        assertEquals(2, most.get(), "in flight at most");
    }

    @Test
    void aHungWorkersPartsAreRunAgainElsewhereAndItsCallsCancelled() throws Exception {
        Worker hung = worker(1, "hang");
        Worker a = worker(2, "delay 30");
        Worker b = worker(3, "delay 30");
        long started = System.nanoTime();
        List<Done> done = run(fanout(FAST, hung, a, b), parts(30));
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertExact(done, 30);
        assertTrue(done.stream().noneMatch(part -> part.worker().equals(address(hung))), "nothing from the hung worker");
        assertTrue(done.stream().anyMatch(part -> part.attempt() > 1), "some part was run again");
        assertTrue(hung.started.get() <= 2, "benched after its parts went overdue; it got " + hung.started.get());
        await(() -> hung.running.get() == 0, "the hung worker's calls are cancelled");
        assertTrue(ms < 5_000, "took " + ms + " ms");
    }

    @Test
    void aFailingWorkersPartsAreRetriedOnAnotherWorker() throws Exception {
        Worker failing = worker(1, "fail");
        Worker good = worker(2, "delay 5");
        List<Done> done = run(fanout(FAST, failing, good), parts(20));
        assertExact(done, 20);
        assertEquals(Map.of(address(good), 20L), perWorker(done));
        assertTrue(failing.started.get() >= 1 && failing.started.get() <= 2, "benched after failing: " + failing.started.get());
    }

    @Test
    void aPartThatFailsEveryAttemptGivesUpAfterMaxAttempts() throws Exception {
        Worker failing = worker(1, "fail");
        List<Piece> parts = parts(1);
        StatusRuntimeException failure = assertThrows(StatusRuntimeException.class, () -> run(fanout(FAST, failing), parts));
        assertEquals(Status.Code.UNAVAILABLE, failure.getStatus().getCode());
        assertEquals(3, parts.getFirst().gaveUpAfter);
        assertEquals(3, failing.started.get());
    }

    @Test
    void aWorkerThatSpeedsUpAgainIsUsedAgainAfterItsBench() throws Exception {
        Worker flaky = worker(1, "fail");
        Worker good = worker(2, "delay 5");
        PodsFanout fanout = fanout(FAST, flaky, good);
        run(fanout, parts(4));
        flaky.behaviour = "delay 5";
        Thread.sleep(PodsFanout.BENCH.toMillis() + 200);
        assertTrue(perWorker(run(fanout, parts(20))).getOrDefault(address(flaky), 0L) >= 5, "the recovered worker gets parts");
    }

    @Test
    void cancellingTheCallCancelsEveryWorkerCall() throws Exception {
        Worker a = worker(1, "hang");
        Worker b = worker(2, "hang");
        Cancellable call = fanout(FAST, a, b).run(parts(10), Optional.empty()).subscribe().with(done -> { });
        await(() -> a.running.get() == 2 && b.running.get() == 2, "both workers run their two parts");
        call.cancel();
        await(() -> a.running.get() == 0 && b.running.get() == 0, "every worker call is cancelled");
        assertEquals(2, a.cancelled.get());
        assertEquals(2, b.cancelled.get());
    }

    @Test
    void theCallersDeadlineEndsTheCallWithDeadlineExceeded() throws Exception {
        Worker a = worker(1, "hang");
        StatusRuntimeException late = assertThrows(StatusRuntimeException.class, () -> fanout(FAST, a)
                .run(parts(3), Optional.of(Instant.now().plusMillis(300))).collect().asList()
                .await().atMost(Duration.ofSeconds(10)));
        assertEquals(Status.Code.DEADLINE_EXCEEDED, late.getStatus().getCode());
        await(() -> a.running.get() == 0, "the worker's calls end at the deadline");
    }

    @Test
    void concurrentCallsShareEachWorkersPlaces() throws Exception {
        Worker a = worker(1, "delay 20");
        Worker b = worker(2, "delay 20");
        PodsFanout fanout = fanout(FAST, a, b);
        AtomicInteger most = new AtomicInteger();
        Map<Integer, CompletableFuture<List<Done>>> calls = new ConcurrentHashMap<>();
        for (int i = 0; i < 3; i++) {
            calls.put(i, CompletableFuture.supplyAsync(() -> run(fanout, parts(15))));
        }
        while (!calls.values().stream().allMatch(CompletableFuture::isDone)) {
            most.accumulateAndGet(Math.max(a.running.get(), b.running.get()), Math::max);
            Thread.sleep(2);
        }
        for (CompletableFuture<List<Done>> call : calls.values()) {
            assertExact(call.get(), 15);
        }
        assertEquals(2, most.get(), "in flight per worker, over all calls");
    }

    @Test
    void targetsAreParsedOrRefusedWithAReason() {
        assertEquals(List.of(new PodsTarget.Entry("workers", 8081)), PodsTarget.parse("dns:///workers:8081").entries());
        assertEquals(List.of(new PodsTarget.Entry("127.0.0.1", 1), new PodsTarget.Entry("::1", 2)),
                PodsTarget.parse(" 127.0.0.1:1, [::1]:2 ").entries());
        assertEquals("worker \"workers\" needs the form host:port",
                assertThrows(IllegalArgumentException.class, () -> PodsTarget.parse("workers")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> PodsTarget.parse("dns://127.0.0.53/workers:1"));
        assertThrows(IllegalArgumentException.class, () -> PodsTarget.parse(" , "));
    }

    @Test
    void anotherCallsCancelledContextNeverCancelsThisCallsWorkerCalls() throws Exception {
        Worker only = worker(1, "hang");
        PodsFanout fanout = fanout(FAST, only);
        Context.CancellableContext other = Context.current().withCancellation();
        Cancellable[] otherCall = new Cancellable[1];
        other.run(() -> otherCall[0] = fanout.run(parts(2), Optional.empty()).subscribe().with(done -> { }, failure -> { }));
        await(() -> only.running.get() == 2, "the other call holds both places");
        only.behaviour = "delay 20";
        CompletableFuture<List<Done>> healthy = CompletableFuture.supplyAsync(() -> run(fanout, parts(4)));
        Thread.sleep(50); // its parts wait for a place
        other.cancel(null);
        // As a server call's cancellation does: the stream is cancelled with its cancelled Context current.
        other.run(otherCall[0]::cancel);
        List<Done> done = healthy.get(30, TimeUnit.SECONDS);
        assertExact(done, 4);
        assertEquals(List.of(1, 1, 1, 1), done.stream().map(Done::attempt).toList(), "every part done at its first try");
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < until, "not within 10 s: " + what);
            Thread.sleep(10);
        }
    }
}
