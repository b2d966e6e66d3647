package dev.fanout.fetcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.v1.FetchMode;
import dev.fanout.v1.FetchRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Problems of the call itself fail it with a status and a message a person can act on. */
@QuarkusTest
class FetchValidationTest {

    private FetchCalls calls;
    private String url;

    @BeforeEach
    void connect() {
        calls = new FetchCalls("127.0.0.1", RestAssured.port);
        url = "http://127.0.0.1:" + RestAssured.port + "/origin/delay/0/bytes/1";
    }

    @AfterEach
    void close() throws InterruptedException {
        calls.close();
    }

    @Test
    void anEmptyUrlListIsInvalid() {
        rejected(Status.Code.INVALID_ARGUMENT, "urls is empty",
                FetchCalls.request(FetchMode.FETCH_MODE_REACTIVE, 1, null, List.of()));
    }

    @Test
    void moreUrlsThanTheCapAreInvalid() {
        rejected(Status.Code.INVALID_ARGUMENT, "at most 10000 per call (fanout.fetcher.max-urls)",
                FetchCalls.request(FetchMode.FETCH_MODE_REACTIVE, 1, null, Collections.nCopies(10_001, url)));
    }

    @Test
    void concurrencyOutOfRangeIsInvalid() {
        rejected(Status.Code.INVALID_ARGUMENT, "concurrency -1 is out of range: use 1 to 1000",
                FetchCalls.request(FetchMode.FETCH_MODE_THREADS, -1, null, List.of(url)));
        rejected(Status.Code.INVALID_ARGUMENT, "concurrency 1001 is out of range",
                FetchCalls.request(FetchMode.FETCH_MODE_REACTIVE, 1001, null, List.of(url)));
    }

    @Test
    void timeoutOutOfRangeIsInvalid() {
        rejected(Status.Code.INVALID_ARGUMENT, "timeout 0 ms is out of range",
                FetchCalls.request(FetchMode.FETCH_MODE_REACTIVE, 1, Duration.ZERO, List.of(url)));
        rejected(Status.Code.INVALID_ARGUMENT, "at most 60000 ms",
                FetchCalls.request(FetchMode.FETCH_MODE_REACTIVE, 1, Duration.ofSeconds(61), List.of(url)));
    }

    @Test
    void podsModeWithoutPeersIsAFailedPrecondition() {
        rejected(Status.Code.FAILED_PRECONDITION, "set fanout.fetcher.peers",
                FetchCalls.request(FetchMode.FETCH_MODE_PODS, 1, null, List.of(url)));
    }

    @Test
    void aMalformedUrlAmongGoodOnesIsOneFailedResult() {
        FetchCalls.Outcome outcome = calls.fetch(FetchCalls.request(FetchMode.FETCH_MODE_REACTIVE, 2, null,
                List.of(url, "http://exa mple.com/")));
        assertEquals(1, outcome.summary().getOk());
        assertEquals(1, outcome.summary().getFailed());
    }

    private void rejected(Status.Code code, String messagePart, FetchRequest request) {
        StatusRuntimeException error = assertThrows(StatusRuntimeException.class, () -> calls.fetch(request));
        assertEquals(code, error.getStatus().getCode());
        assertTrue(error.getStatus().getDescription().contains(messagePart), error.getStatus()::getDescription);
    }
}
