package dev.fanout.compute;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.rpc.ErrorInfo;
import dev.fanout.compute.mode.CpuExecutor;
import dev.fanout.runtime.calls.CallTimeCap;
import dev.fanout.runtime.testing.ServedAppTest;
import dev.fanout.v1.ComputeGrpc;
import dev.fanout.v1.ComputeMode;
import dev.fanout.v1.SumOfSquaresRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * fanout.compute.max-call-duration ends a call that set no deadline (or a later one), and says so in
 * a way a program reads: an ErrorInfo with reason CALL_TIME_CAP in the status details.
 */
@QuarkusTest
@TestProfile(CallTimeCapTest.OneSecondCap.class)
class CallTimeCapTest extends ServedAppTest {

    public static final class OneSecondCap implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("fanout.compute.max-call-duration", "1s");
        }
    }

    @Inject
    CpuExecutor cpu;

    @Test
    void aCallWithoutADeadlineEndsAtTheCapAndItsKernelsStop() throws InterruptedException {
        assertCappedWithin(ComputeGrpc.newBlockingStub(channel));
    }

    @Test
    void aLaterDeadlineThanTheCapEndsAtTheCapToo() throws InterruptedException {
        assertCappedWithin(ComputeGrpc.newBlockingStub(channel).withDeadlineAfter(1, TimeUnit.MINUTES));
    }

    @Test
    void aShorterDeadlineKeepsItsOwnStatus() {
        StatusRuntimeException late = assertThrows(StatusRuntimeException.class, () -> ComputeGrpc.newBlockingStub(channel)
                .withDeadlineAfter(200, TimeUnit.MILLISECONDS).sumOfSquares(everything()));
        assertEquals(Status.Code.DEADLINE_EXCEEDED, late.getStatus().getCode());
        assertEquals(Optional.empty(), CallTimeCap.reported(late), "the caller's own deadline is not the service's cap");
    }

    private void assertCappedWithin(ComputeGrpc.ComputeBlockingStub stub) throws InterruptedException {
        long begun = System.nanoTime();
        StatusRuntimeException capped = assertThrows(StatusRuntimeException.class, () -> stub.sumOfSquares(everything()));
        assertEquals(Status.Code.DEADLINE_EXCEEDED, capped.getStatus().getCode());
        ErrorInfo info = CallTimeCap.reported(capped).orElseThrow(() -> new AssertionError("no ErrorInfo: " + capped));
        assertEquals("CALL_TIME_CAP", info.getReason());
        assertEquals("fanout.dev", info.getDomain());
        assertEquals(Map.of("limit", "1s", "setting", "fanout.compute.max-call-duration"), info.getMetadataMap());
        assertTrue(capped.getStatus().getDescription().contains("limit of 1s per call (fanout.compute.max-call-duration)"),
                capped::getMessage);
        await("every kernel stopped").atMost(Duration.ofSeconds(2)).until(() -> cpu.running() == 0);
        assertTrue(System.nanoTime() - begun < TimeUnit.SECONDS.toNanos(10), "ended at the 1 s cap, not later");
    }

    /** Every int64: years of work on one machine. */
    private static SumOfSquaresRequest everything() {
        return SumOfSquaresRequest.newBuilder().setStart(Long.MIN_VALUE).setEnd(Long.MAX_VALUE)
                .setMode(ComputeMode.COMPUTE_MODE_CORES).build();
    }
}
