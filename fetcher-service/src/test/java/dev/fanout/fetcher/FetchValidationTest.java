package dev.fanout.fetcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.v1.FetchMode;
import dev.fanout.v1.FetchRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Problems of the call itself fail it with a status and a message a person can act on. */
@QuarkusTest
class FetchValidationTest extends ServedFetcherTest {

    private String url;

    @BeforeEach
    void oneByteUrl() {
        url = origin + "/delay/0/bytes/1";
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
        rejected(Status.Code.INVALID_ARGUMENT, "timeout 0s is out of range",
                FetchCalls.request(FetchMode.FETCH_MODE_REACTIVE, 1, Duration.ZERO, List.of(url)));
        rejected(Status.Code.INVALID_ARGUMENT, "use 1 ms to 60000 ms",
                FetchCalls.request(FetchMode.FETCH_MODE_REACTIVE, 1, Duration.ofSeconds(61), List.of(url)));
    }

    /** Every field at its extremes: INVALID_ARGUMENT in words, never UNKNOWN or an exception's text. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // timeout seconds | timeout nanos | concurrency | mode value | the message says
            "315576000000      | 0             | 1           | 4          | timeout 87660000h is out of range: use 1 ms to 60000 ms",
            "315576000000      | 999999999     | 1           | 4          | timeout 315576000000.999999999s is out of range",
            "-315576000000     | -999999999    | 1           | 4          | timeout -315576000000.999999999s is out of range",
            "315576000001      | 0             | 1           | 4          | timeout {seconds: 315576000001, nanos: 0} is not a valid protobuf Duration",
            "9223372036854775807 | 999999999   | 1           | 4          | is not a valid protobuf Duration",
            "-9223372036854775808 | 0          | 1           | 4          | is not a valid protobuf Duration",
            "0                 | 1000000000    | 1           | 4          | nanos must be within +-999999999",
            "0                 | -2147483648   | 1           | 4          | nanos must be within +-999999999",
            "0                 | 2147483647    | 1           | 4          | nanos must be within +-999999999",
            "1                 | -1            | 1           | 4          | have the sign of seconds",
            "-1                | 1             | 1           | 4          | have the sign of seconds",
            "0                 | 0             | 1           | 4          | timeout 0s is out of range",
            "0                 | -1            | 1           | 4          | timeout -0.000000001s is out of range",
            "-1                | 0             | 1           | 4          | timeout -1s is out of range",
            "0                 | 999999        | 1           | 4          | timeout 0.000999999s is out of range: use 1 ms to",
            "0                 | 1             | 1           | 4          | timeout 0.000000001s is out of range",
            "61                | 0             | 1           | 4          | timeout 61s is out of range",
            "1                 | 0             | -2147483648 | 4          | concurrency -2147483648 is out of range: use 1 to 1000",
            "1                 | 0             | 2147483647  | 4          | concurrency 2147483647 is out of range: use 1 to 1000",
            "1                 | 0             | -1          | 4          | concurrency -1 is out of range",
            "1                 | 0             | 1001        | 4          | concurrency 1001 is out of range",
            "1                 | 0             | 1           | 2147483647 | mode 2147483647 is not a FetchMode this service knows",
            "1                 | 0             | 1           | -2147483648 | mode -2147483648 is not a FetchMode this service knows",
            "1                 | 0             | 1           | -1         | mode -1 is not a FetchMode this service knows"})
    void everyFieldAtItsExtremesIsInvalidInWords(long seconds, int nanos, int concurrency, int mode, String message) {
        FetchRequest request = FetchRequest.newBuilder().addUrls(url).setModeValue(mode).setConcurrency(concurrency)
                .setTimeout(com.google.protobuf.Duration.newBuilder().setSeconds(seconds).setNanos(nanos)).build();
        StatusRuntimeException error = assertThrows(StatusRuntimeException.class, () -> calls.fetch(request));
        assertEquals(Status.Code.INVALID_ARGUMENT, error.getStatus().getCode(), error::toString);
        String description = error.getStatus().getDescription();
        assertTrue(description.contains(message), description);
        assertFalse(description.contains("Exception") || description.contains("java."), description);
    }

    @Test
    void theLimitsThemselvesAreAccepted() {
        FetchCalls.Outcome oneMillisecond = calls.fetch(FetchCalls.request(FetchMode.FETCH_MODE_REACTIVE, 1000,
                Duration.ofMillis(1), List.of("not a url")));
        assertEquals(1, oneMillisecond.summary().getFailed());
        // max-urls URLs at once: each bad one is its own failed result, the call itself succeeds.
        FetchCalls.Outcome maxUrls = calls.fetch(FetchCalls.request(FetchMode.FETCH_MODE_REACTIVE, 1000,
                Duration.ofSeconds(60), Collections.nCopies(10_000, "http://0x7f.1/")));
        assertEquals(10_000, maxUrls.summary().getFailed());
        assertTrue(maxUrls.results().stream().allMatch(r -> r.getError() == dev.fanout.v1.FetchError.FETCH_ERROR_INVALID_URL));
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
