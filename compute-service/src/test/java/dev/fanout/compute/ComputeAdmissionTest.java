package dev.fanout.compute;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.compute.kernel.ClosedForm;
import dev.fanout.runtime.admission.InFlightBudget;
import dev.fanout.runtime.testing.ServedAppTest;
import dev.fanout.runtime.testing.Streamed;
import dev.fanout.v1.ComputeGrpc;
import dev.fanout.v1.ComputeMode;
import dev.fanout.v1.SumOfSquaresRequest;
import dev.fanout.v1.SumOfSquaresResponse;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;

/**
 * fanout.compute.admission.*: beyond the kernels budget a call waits its turn, and beyond the queue it
 * is refused RESOURCE_EXHAUSTED naming the setting; health keeps answering; the admitted calls and
 * the call that waited give exact sums.
 */
@QuarkusTest
@TestProfile(ComputeAdmissionTest.TwoKernels.class)
class ComputeAdmissionTest extends ServedAppTest {

    public static final class TwoKernels implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("fanout.compute.admission.kernels", "2", "fanout.compute.admission.max-waiting", "1",
                    "fanout.compute.admission.max-wait", "1m");
        }
    }

    @Inject
    ComputeAdmission admission;

    @Test
    void beyondTheBudgetACallWaitsItsTurnBeyondTheQueueItIsRefusedAndHealthAnswers() throws Exception {
        InFlightBudget kernels = admission.kernels();
        // Years of work in two parts: the whole budget, until it is cancelled.
        Context.CancellableContext hog = Context.current().withCancellation();
        CompletableFuture<List<SumOfSquaresResponse>> hogEnded = new CompletableFuture<>();
        hog.run(() -> ComputeGrpc.newStub(channel).sumOfSquares(request(Long.MIN_VALUE, Long.MAX_VALUE, ComputeMode.COMPUTE_MODE_CORES, 2),
                Streamed.into(hogEnded)));
        awaitValue(kernels::inUse, 2);

        // On the async stub: a thread of this JVM's common pool, blocked, would stall the server's own work there.
        CompletableFuture<List<SumOfSquaresResponse>> waiter = new CompletableFuture<>();
        ComputeGrpc.newStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS).sumOfSquares(
                request(0, 1_000_000, ComputeMode.COMPUTE_MODE_SINGLE, 0), Streamed.into(waiter));
        awaitValue(kernels::waiting, 1);

        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
                () -> stub().sumOfSquares(request(0, 10, ComputeMode.COMPUTE_MODE_CORES, 1)));
        assertEquals(Status.Code.RESOURCE_EXHAUSTED, refused.getStatus().getCode());
        assertTrue(refused.getStatus().getDescription().contains("all 2 parts at once on this process's compute threads"
                + " (fanout.compute.admission.kernels) are taken and 1 calls already wait for them"
                + " (fanout.compute.admission.max-waiting)"), refused.getStatus()::getDescription);

        assertHealthAnswers();
        assertFalse(waiter.isDone(), "the waiting call still waits");

        hog.cancel(null);
        assertEquals(Status.Code.CANCELLED, Status.fromThrowable(assertThrows(ExecutionException.class,
                () -> hogEnded.get(30, TimeUnit.SECONDS)).getCause()).getCode());
        assertEquals(ClosedForm.sumOfSquares(0, 1_000_000).toString(), waiter.get(30, TimeUnit.SECONDS).getFirst().getSum());
        awaitValue(kernels::inUse, 0);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("fanout_admission_refused_total{budget=\"kernels\",reason=\"queue-full\"} 1.0"), metrics);
        assertTrue(metrics.contains("fanout_compute_calls_seconds_count{mode=\"cores\",outcome=\"RESOURCE_EXHAUSTED\"} 1"), metrics);
    }

    private ComputeGrpc.ComputeBlockingStub stub() {
        return ComputeGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS);
    }

    private static SumOfSquaresRequest request(long start, long end, ComputeMode mode, int parts) {
        return SumOfSquaresRequest.newBuilder().setStart(start).setEnd(end).setMode(mode).setParts(parts).build();
    }

    /** The gauge reaches {@code expected}: the server gets there on its own time. */
    static void awaitValue(IntSupplier gauge, int expected) {
        await().atMost(Duration.ofSeconds(30)).until(gauge::getAsInt, value -> value == expected);
    }
}
