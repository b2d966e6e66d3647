package dev.fanout.fetcher;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.runtime.admission.InFlightBudget;
import dev.fanout.runtime.testing.Streamed;
import dev.fanout.v1.FetchError;
import dev.fanout.v1.FetchEvent;
import dev.fanout.v1.FetchMode;
import dev.fanout.v1.FetchRequest;
import dev.fanout.v1.FetcherGrpc;
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
 * fanout.fetcher.admission.*: beyond the downloads budget a call waits its turn, and beyond the queue
 * it is refused RESOURCE_EXHAUSTED naming the setting; health keeps answering; the admitted call and
 * the call that waited fetch every URL; a call asking more than the budget runs with the budget.
 */
@QuarkusTest
@TestProfile(FetchAdmissionTest.TwoDownloads.class)
class FetchAdmissionTest extends ServedFetcherTest {

    public static final class TwoDownloads implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("fanout.fetcher.admission.downloads", "2", "fanout.fetcher.admission.max-waiting", "1",
                    "fanout.fetcher.admission.max-wait", "1m");
        }
    }

    @Inject
    FetchAdmission admission;

    @Test
    void beyondTheBudgetACallWaitsItsTurnBeyondTheQueueItIsRefusedAndHealthAnswers() throws Exception {
        InFlightBudget downloads = admission.budget(FetchMode.FETCH_MODE_REACTIVE);
        // Two 30 s drips at concurrency 2: the whole budget, until cancelled.
        Context.CancellableContext hog = Context.current().withCancellation();
        CompletableFuture<List<FetchEvent>> hogEnded = new CompletableFuture<>();
        hog.run(() -> FetcherGrpc.newStub(channel).fetch(FetchCalls.request(FetchMode.FETCH_MODE_REACTIVE, 2, Duration.ofSeconds(60),
                List.of(origin + "/drip/300/every/100", origin + "/drip/300/every/100")), Streamed.into(hogEnded)));
        awaitValue(downloads::inUse, 2);

        CompletableFuture<List<FetchEvent>> waiter = new CompletableFuture<>();
        FetcherGrpc.newStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS).fetch(FetchCalls.request(
                FetchMode.FETCH_MODE_THREADS, 4, null, List.of(origin + "/delay/0/bytes/26")), Streamed.into(waiter));
        awaitValue(downloads::waiting, 1);

        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () -> calls.fetch(
                FetchCalls.request(FetchMode.FETCH_MODE_VIRTUAL_THREADS, 1, null, List.of(origin + "/delay/0/bytes/1"))));
        assertEquals(Status.Code.RESOURCE_EXHAUSTED, refused.getStatus().getCode());
        assertTrue(refused.getStatus().getDescription().contains("all 2 downloads at once in this fetcher"
                + " (fanout.fetcher.admission.downloads) are taken and 1 calls already wait for them"
                + " (fanout.fetcher.admission.max-waiting)"), refused.getStatus()::getDescription);

        assertHealthAnswers();
        assertFalse(waiter.isDone(), "the waiting call still waits");

        hog.cancel(null);
        assertEquals(Status.Code.CANCELLED, Status.fromThrowable(assertThrows(ExecutionException.class,
                () -> hogEnded.get(30, TimeUnit.SECONDS)).getCause()).getCode());
        FetchCalls.Outcome waited = new FetchCalls.Outcome(waiter.get(30, TimeUnit.SECONDS));
        assertEquals(FetchError.FETCH_ERROR_UNSPECIFIED, waited.results().getFirst().getError());
        assertEquals(26, waited.results().getFirst().getBytes());
        assertEquals(1, waited.summary().getOk());
        awaitValue(downloads::inUse, 0);

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("fanout_admission_refused_total{budget=\"downloads\",reason=\"queue-full\"} 1.0"), metrics);
        assertTrue(metrics.contains("fanout_fetch_call_seconds_count{mode=\"virtual-threads\",outcome=\"RESOURCE_EXHAUSTED\"} 1"),
                metrics);
        assertTrue(metrics.contains("fanout_fetch_call_seconds_count{mode=\"reactive\",outcome=\"CANCELLED\"} 1"), metrics);
    }

    @Test
    void aCallAskingMoreThanTheWholeBudgetRunsWithTheBudget() {
        List<String> urls = List.of(origin + "/delay/100/bytes/10", origin + "/delay/100/bytes/10", origin + "/delay/100/bytes/10");
        FetchCalls.Outcome outcome = calls.fetch(FetchCalls.request(FetchMode.FETCH_MODE_REACTIVE, 1000, null, urls));
        assertEquals(3, outcome.summary().getOk());
        assertEquals(2, outcome.summary().getConcurrency(), "the concurrency actually used");
    }

    private static void awaitValue(IntSupplier gauge, int expected) {
        await().atMost(Duration.ofSeconds(30)).until(gauge::getAsInt, value -> value == expected);
    }
}
