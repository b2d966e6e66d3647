package dev.fanout.compute;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.compute.kernel.ClosedForm;
import dev.fanout.runtime.testing.ServedContractTest;
import dev.fanout.compute.mode.CpuExecutor;
import dev.fanout.v1.ComputeGrpc;
import dev.fanout.v1.ComputeMode;
import dev.fanout.v1.ComputePart;
import dev.fanout.v1.SumOfSquaresEvent;
import dev.fanout.v1.SumOfSquaresRequest;
import dev.fanout.v1.SumOfSquaresResponse;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ComputeServiceTest extends ServedContractTest {

    @Inject
    CpuExecutor cpu;

    @Override
    protected String contractService() {
        return "fanout.v1.Compute";
    }

    @Override
    protected String commentExcerpt() {
        return "sums the squares of every integer in a range";
    }

    @Override
    protected GrpcurlExample grpcurlExample() {
        return new GrpcurlExample("fanout.v1.Compute/SumOfSquares",
                "{\"start\": 0, \"end\": 100000000, \"mode\": \"COMPUTE_MODE_SINGLE\"}",
                "\"sum\":\"333333328333333350000000\"");
    }

    private ComputeGrpc.ComputeBlockingStub compute() {
        return ComputeGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS);
    }

    private static SumOfSquaresRequest request(long start, long end, ComputeMode mode, int parts) {
        return SumOfSquaresRequest.newBuilder().setStart(start).setEnd(end).setMode(mode).setParts(parts).build();
    }

    @Test
    void singleModeGivesTheFoundationsCheckedSum() {
        SumOfSquaresResponse response = compute().sumOfSquares(request(0, 100_000_000, ComputeMode.COMPUTE_MODE_SINGLE, 0));
        assertEquals("333333328333333350000000", response.getSum());
        assertEquals(ComputeMode.COMPUTE_MODE_SINGLE, response.getMode());
        assertEquals(1, response.getPartsCount());
        assertEquals(1, response.getParallelism());
        ComputePart part = response.getParts(0);
        assertEquals(0, part.getStart());
        assertEquals(100_000_000, part.getEnd());
        assertTrue(part.getWorker().startsWith("compute-"), part.getWorker());
        assertEquals("int128", part.getKernel());
        assertEquals(1, part.getAttempts());
        assertTrue(response.getElapsed().getSeconds() > 0 || response.getElapsed().getNanos() > 0);
        assertTrue(!response.getServedBy().isBlank());
    }

    @Test
    void everyLocalModeIsExactOnRandomRangesAnywhereInInt64() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 40; i++) {
            long start = i % 2 == 0 ? random.nextLong() : random.nextLong(-10_000_000, 10_000_000);
            long length = random.nextLong(0, 200_000);
            long end = start > Long.MAX_VALUE - length ? Long.MAX_VALUE : start + length;
            for (ComputeMode mode : List.of(ComputeMode.COMPUTE_MODE_SINGLE, ComputeMode.COMPUTE_MODE_CORES,
                    ComputeMode.COMPUTE_MODE_UNSPECIFIED)) {
                SumOfSquaresResponse response = compute().sumOfSquares(request(start, end, mode, random.nextInt(0, 9)));
                assertEquals(ClosedForm.sumOfSquares(start, end).toString(), response.getSum(),
                        mode + " over [" + start + ", " + end + ")");
            }
        }
    }

    @Test
    void coresModeSplitsIntoContiguousPartsAndCombinesThemExactly() {
        SumOfSquaresResponse response = compute().sumOfSquares(
                request(-3_000_000_000L, 5_000_000_001L, ComputeMode.COMPUTE_MODE_CORES, 7));
        assertEquals(ClosedForm.sumOfSquares(-3_000_000_000L, 5_000_000_001L).toString(), response.getSum());
        assertEquals(7, response.getPartsCount());
        long at = -3_000_000_000L;
        BigInteger combined = BigInteger.ZERO;
        for (ComputePart part : response.getPartsList()) {
            assertEquals(at, part.getStart());
            at = part.getEnd();
            combined = combined.add(new BigInteger(part.getSum()));
        }
        assertEquals(5_000_000_001L, at);
        assertEquals(response.getSum(), combined.toString());
        // Above 2^32 the squares no longer fit 64 bits: only the last part needs the wide path.
        assertEquals("bigint", response.getParts(6).getKernel());
        assertEquals("int128", response.getParts(0).getKernel());
        assertEquals(Math.min(7, cpu.threads()), response.getParallelism());
    }

    @Test
    void anUnspecifiedModeWithoutWorkersMeansCores() {
        SumOfSquaresResponse response = compute().sumOfSquares(request(0, 1000, ComputeMode.COMPUTE_MODE_UNSPECIFIED, 0));
        assertEquals(ComputeMode.COMPUTE_MODE_CORES, response.getMode());
        assertEquals(cpu.threads(), response.getPartsCount());
    }

    @Test
    void anEmptyRangeIsZeroAndTheInt64EdgesAreExact() {
        assertEquals("0", compute().sumOfSquares(request(5, 5, ComputeMode.COMPUTE_MODE_CORES, 0)).getSum());
        SumOfSquaresResponse low = compute().sumOfSquares(
                request(Long.MIN_VALUE, Long.MIN_VALUE + 100_000, ComputeMode.COMPUTE_MODE_CORES, 0));
        assertEquals(ClosedForm.sumOfSquares(Long.MIN_VALUE, Long.MIN_VALUE + 100_000).toString(), low.getSum());
        assertEquals("bigint", low.getParts(0).getKernel());
        SumOfSquaresResponse high = compute().sumOfSquares(
                request(Long.MAX_VALUE - 100_000, Long.MAX_VALUE, ComputeMode.COMPUTE_MODE_SINGLE, 0));
        assertEquals(ClosedForm.sumOfSquares(Long.MAX_VALUE - 100_000, Long.MAX_VALUE).toString(), high.getSum());
    }

    @Test
    void badRequestsGetInvalidArgumentWithAMessageAPersonCanActOn() {
        StatusRuntimeException reversed = assertThrows(StatusRuntimeException.class,
                () -> compute().sumOfSquares(request(10, 1, ComputeMode.COMPUTE_MODE_SINGLE, 0)));
        assertEquals(Status.Code.INVALID_ARGUMENT, reversed.getStatus().getCode());
        assertTrue(reversed.getStatus().getDescription().contains("start (10) must not be greater than end (1)"),
                reversed.getStatus().getDescription());
        for (int parts : new int[] {-1, 4097}) {
            StatusRuntimeException badParts = assertThrows(StatusRuntimeException.class,
                    () -> compute().sumOfSquares(request(0, 10, ComputeMode.COMPUTE_MODE_CORES, parts)));
            assertEquals(Status.Code.INVALID_ARGUMENT, badParts.getStatus().getCode());
            assertTrue(badParts.getStatus().getDescription().contains("between 0 (the service chooses) and 4096"));
        }
        StatusRuntimeException unknownMode = assertThrows(StatusRuntimeException.class,
                () -> compute().sumOfSquares(SumOfSquaresRequest.newBuilder().setEnd(3).setModeValue(99).build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, unknownMode.getStatus().getCode());
    }

    @Test
    void podsWithoutWorkersNamesThePropertyToSet() {
        StatusRuntimeException noWorkers = assertThrows(StatusRuntimeException.class,
                () -> compute().sumOfSquares(request(0, 10, ComputeMode.COMPUTE_MODE_PODS, 0)));
        assertEquals(Status.Code.FAILED_PRECONDITION, noWorkers.getStatus().getCode());
        assertTrue(noWorkers.getStatus().getDescription().contains("fanout.compute.workers"));
    }

    @Test
    void theStreamReportsEveryPartThenTheResult() {
        Iterator<SumOfSquaresEvent> events = compute().sumOfSquaresStream(
                request(0, 50_000_000, ComputeMode.COMPUTE_MODE_CORES, 5));
        List<SumOfSquaresEvent> all = new ArrayList<>();
        events.forEachRemaining(all::add);
        assertEquals(6, all.size());
        for (int k = 0; k < 5; k++) {
            assertEquals(k + 1, all.get(k).getProgress().getPartsDone());
            assertEquals(5, all.get(k).getProgress().getPartsTotal());
        }
        assertEquals(ClosedForm.sumOfSquares(0, 50_000_000).toString(), all.get(5).getResult().getSum());
    }

    @Test
    void theCallersDeadlineStopsTheKernels() throws InterruptedException {
        long begun = System.nanoTime();
        StatusRuntimeException late = assertThrows(StatusRuntimeException.class,
                () -> ComputeGrpc.newBlockingStub(channel).withDeadlineAfter(300, TimeUnit.MILLISECONDS)
                        .sumOfSquares(request(Long.MIN_VALUE, Long.MAX_VALUE, ComputeMode.COMPUTE_MODE_CORES, 0)));
        assertEquals(Status.Code.DEADLINE_EXCEEDED, late.getStatus().getCode());
        assertKernelsStopWithin(2_000);
        assertTrue(System.nanoTime() - begun < TimeUnit.SECONDS.toNanos(3));
    }

    @Test
    void aCancelledCallStopsTheKernels() throws Exception {
        try (Context.CancellableContext context = Context.current().withCancellation()) {
            Iterator<SumOfSquaresEvent> events = context.call(() -> compute().sumOfSquaresStream(
                    request(Long.MIN_VALUE, Long.MAX_VALUE, ComputeMode.COMPUTE_MODE_CORES, 0)));
            assertRunningWithin(5_000);
            context.cancel(null);
            assertThrows(StatusRuntimeException.class, events::hasNext);
        }
        assertKernelsStopWithin(2_000);
    }

    @Test
    void metricsShowLatencyHistogramsAndPartsPerMode() {
        compute().sumOfSquares(request(0, 1000, ComputeMode.COMPUTE_MODE_SINGLE, 0));
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("fanout_compute_calls_seconds_bucket{mode=\"single\",outcome=\"OK\""))
                .body(containsString("fanout_compute_parts_total{mode=\"single\"}"))
                .body(containsString("fanout_compute_kernels_running"));
    }

    private void assertRunningWithin(long millis) {
        await("a kernel started").atMost(Duration.ofMillis(millis)).until(() -> cpu.running() > 0);
    }

    private void assertKernelsStopWithin(long millis) {
        await("every kernel stopped").atMost(Duration.ofMillis(millis)).until(() -> cpu.running() == 0);
    }
}
