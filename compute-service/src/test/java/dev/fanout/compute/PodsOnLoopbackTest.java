package dev.fanout.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.compute.kernel.ClosedForm;
import dev.fanout.runtime.testing.ServedAppTest;
import dev.fanout.v1.ComputeGrpc;
import dev.fanout.v1.ComputeMode;
import dev.fanout.v1.ComputePart;
import dev.fanout.v1.SumOfSquaresRequest;
import dev.fanout.v1.SumOfSquaresResponse;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * PODS as on Kubernetes, on loopback: three workers on 127.0.42.1-3, one port, behind the one name
 * compute-workers (this JVM's hosts file, as a headless Service's DNS), and this app as the
 * coordinator with fanout.compute.workers=dns:///compute-workers:PORT (see the pom's surefire
 * execution "pods-on-loopback").
 */
@QuarkusTest
class PodsOnLoopbackTest extends ServedAppTest {

    static final int PORT = Integer.getInteger("fanout.test.worker-port");
    static final List<String> HOSTS = List.of("127.0.42.1", "127.0.42.2", "127.0.42.3");
    static List<LoopbackWorker> workers;

    @BeforeAll
    static void startWorkers() throws Exception {
        workers = HOSTS.stream().map(host -> new LoopbackWorker(host, PORT)).toList();
        for (LoopbackWorker worker : workers) {
            worker.start();
        }
    }

    @AfterAll
    static void stopWorkers() throws InterruptedException {
        for (LoopbackWorker worker : workers) {
            worker.close();
        }
    }

    @BeforeEach
    void waitForEveryWorker() throws Exception {
        for (LoopbackWorker worker : workers) {
            if (!worker.alive()) {
                worker.start();
            }
        }
        // The coordinator connected at startup, maybe before the workers listened: wait until its
        // round_robin reaches all three again (gRPC reconnects with backoff).
        awaitTrue(() -> workersOf(pods(0, 3_000, 6)).size() == 3, 30_000, "the coordinator never reached all workers");
    }

    private SumOfSquaresResponse pods(long start, long end, int parts) {
        return ComputeGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS).sumOfSquares(
                SumOfSquaresRequest.newBuilder().setStart(start).setEnd(end)
                        .setMode(ComputeMode.COMPUTE_MODE_PODS).setParts(parts).build());
    }

    private static Set<String> workersOf(SumOfSquaresResponse response) {
        return response.getPartsList().stream()
                .map(part -> part.getWorker().substring(0, part.getWorker().indexOf(':')))
                .collect(Collectors.toSet());
    }

    @Test
    void podsSpreadsThePartsOverEveryWorkerTheNameResolvesTo() {
        SumOfSquaresResponse response = pods(0, 300_000_000, 6);
        assertEquals(ClosedForm.sumOfSquares(0, 300_000_000).toString(), response.getSum());
        assertEquals(ComputeMode.COMPUTE_MODE_PODS, response.getMode());
        assertEquals(Set.copyOf(HOSTS), workersOf(response));
        assertEquals(3, response.getParallelism());
        for (ComputePart part : response.getPartsList()) {
            assertEquals(1, part.getAttempts());
            assertTrue(part.getWorker().endsWith(":" + PORT + " (" + response.getServedBy() + ")"), part.getWorker());
        }
    }

    @Test
    void podsIsExactOnRandomRangesWithNegativesHugeValuesAndEmptyOnes() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 12; i++) {
            long start = i % 3 == 0 ? random.nextLong() : random.nextLong(-50_000_000, 50_000_000);
            long length = i == 5 ? 0 : random.nextLong(0, 2_000_000);
            long end = start > Long.MAX_VALUE - length ? Long.MAX_VALUE : start + length;
            assertEquals(ClosedForm.sumOfSquares(start, end).toString(), pods(start, end, random.nextInt(0, 10)).getSum(),
                    "[" + start + ", " + end + ")");
        }
        SumOfSquaresResponse edge = pods(Long.MIN_VALUE, Long.MIN_VALUE + 300_000, 0);
        assertEquals(ClosedForm.sumOfSquares(Long.MIN_VALUE, Long.MIN_VALUE + 300_000).toString(), edge.getSum());
        assertEquals("bigint", edge.getParts(0).getKernel());
    }

    @Test
    void aWorkerKilledMidCallHasItsPartsRetriedElsewhereAndTheSumStaysExact() throws Exception {
        long end = 6_000_000_000L; // a few seconds of work per worker
        CompletableFuture<SumOfSquaresResponse> call = CompletableFuture.supplyAsync(() -> pods(0, end, 6));
        LoopbackWorker victim = workers.get(1);
        awaitTrue(() -> victim.running() > 0, 20_000, "the victim never started a part");
        victim.kill();

        SumOfSquaresResponse response = call.get(120, TimeUnit.SECONDS);
        assertEquals(ClosedForm.sumOfSquares(0, end).toString(), response.getSum());
        List<ComputePart> retried = response.getPartsList().stream().filter(part -> part.getAttempts() > 1).toList();
        assertFalse(retried.isEmpty(), () -> "no part was retried: " + response.getPartsList());
        for (ComputePart part : retried) {
            assertFalse(part.getWorker().startsWith(victim.hostAddress() + ":"), part.getWorker());
        }
        assertEquals(0, victim.running(), "the killed worker's kernels were cancelled");
    }

    @Test
    void aCancelledCallStopsEveryWorkersParts() throws Exception {
        try (Context.CancellableContext context = Context.current().withCancellation()) {
            CompletableFuture<SumOfSquaresResponse> call = CompletableFuture.supplyAsync(
                    () -> pods(Long.MIN_VALUE, Long.MAX_VALUE, 6), context.fixedContextExecutor(ForkJoinPool.commonPool()));
            awaitTrue(() -> workers.stream().allMatch(worker -> worker.running() > 0), 20_000,
                    "not every worker started a part");
            context.cancel(null);
            assertThrows(Exception.class, () -> call.get(10, TimeUnit.SECONDS));
        }
        awaitTrue(() -> workers.stream().allMatch(worker -> worker.running() == 0), 3_000,
                "a worker kept computing a part of a cancelled call");
    }

    @Test
    void theCallersDeadlineReachesEveryWorkerPart() throws Exception {
        StatusRuntimeException late = assertThrows(StatusRuntimeException.class,
                () -> ComputeGrpc.newBlockingStub(channel).withDeadlineAfter(1500, TimeUnit.MILLISECONDS)
                        .sumOfSquares(SumOfSquaresRequest.newBuilder().setStart(Long.MIN_VALUE).setEnd(Long.MAX_VALUE)
                                .setMode(ComputeMode.COMPUTE_MODE_PODS).build()));
        assertEquals(Status.Code.DEADLINE_EXCEEDED, late.getStatus().getCode());
        awaitTrue(() -> workers.stream().allMatch(worker -> worker.running() == 0), 3_000,
                "a worker kept computing past the caller's deadline");
    }

    private static void awaitTrue(BooleanSupplier condition, long millis, String failure) throws InterruptedException {
        long until = System.currentTimeMillis() + millis;
        StatusRuntimeException last = null;
        while (System.currentTimeMillis() < until) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (StatusRuntimeException notYet) {
                last = notYet; // e.g. UNAVAILABLE while the coordinator reconnects
            }
            Thread.sleep(50);
        }
        throw new AssertionError(failure + (last == null ? "" : "; last error: " + last), last);
    }
}
