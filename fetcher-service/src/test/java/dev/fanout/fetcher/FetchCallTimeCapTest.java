package dev.fanout.fetcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.rpc.ErrorInfo;
import dev.fanout.runtime.calls.CallTimeCap;
import dev.fanout.v1.FetchError;
import dev.fanout.v1.FetchMode;
import dev.fanout.v1.FetchResult;
import io.grpc.Status;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * fanout.fetcher.max-call-duration bounds a call whatever its deadline: at the cap the downloads
 * still running are stopped, every unfinished URL is a FETCH_ERROR_TIMEOUT result, the summary
 * follows, so nothing that did finish is lost, and the call ends DEADLINE_EXCEEDED with the
 * ErrorInfo reason CALL_TIME_CAP, so the caller knows the service's cap ended it.
 */
class FetchCallTimeCapTest {

    private static OriginAndFetcher local;

    @BeforeAll
    static void start() throws Exception {
        local = new OriginAndFetcher(Map.of("fanout.fetcher.max-call-duration", "2s"));
    }

    @AfterAll
    static void stop() throws Exception {
        local.close();
    }

    @ParameterizedTest
    @EnumSource(value = FetchMode.class, names = {"FETCH_MODE_SEQUENTIAL", "FETCH_MODE_THREADS",
            "FETCH_MODE_VIRTUAL_THREADS", "FETCH_MODE_REACTIVE"})
    void urlsUnfinishedAtTheCapAreTimedOutResultsAndTheirDownloadsStop(FetchMode mode) throws Exception {
        StandaloneOrigin origin = local.origin();
        long startedBefore = origin.stat("started");
        long abandonedBefore = origin.stat("abandoned");
        List<String> urls = List.of(
                origin.url("/delay/0/bytes/10"),
                origin.url("/drip/300/every/100"), // 30 s, within its 60 s per-URL timeout
                origin.url("/delay/0/bytes/20"));
        FetchCalls.Ended ended;
        long began = System.nanoTime();
        try (FetchCalls calls = local.calls()) {
            ended = calls.fetchUntilFailure(FetchCalls.request(mode, 2, Duration.ofSeconds(60), urls));
        }
        assertEquals(Status.Code.DEADLINE_EXCEEDED, ended.failure().getStatus().getCode());
        ErrorInfo cap = CallTimeCap.reported(ended.failure()).orElseThrow(() -> new AssertionError(
                "no CALL_TIME_CAP ErrorInfo: " + ended.failure()));
        assertEquals(Map.of("limit", "2s", "setting", "fanout.fetcher.max-call-duration"), cap.getMetadataMap());
        FetchCalls.Outcome outcome = ended.outcome();
        List<FetchResult> results = outcome.byIndex();
        assertEquals(List.of(0, 1, 2), results.stream().map(FetchResult::getIndex).toList());
        assertEquals(FetchError.FETCH_ERROR_UNSPECIFIED, results.get(0).getError(), results.get(0)::toString);
        assertEquals(10, results.get(0).getBytes());
        assertCutOff(results.get(1));
        if (mode == FetchMode.FETCH_MODE_SEQUENTIAL) {
            assertCutOff(results.get(2)); // it waited behind the slow one and never started
        } else {
            assertEquals(20, results.get(2).getBytes(), results.get(2)::toString);
        }
        int cutOff = mode == FetchMode.FETCH_MODE_SEQUENTIAL ? 2 : 1;
        assertEquals(3 - cutOff, outcome.summary().getOk());
        assertEquals(cutOff, outcome.summary().getFailed());
        // Timed by the client, whose call starts before the service's clock for the cap does.
        double seconds = (System.nanoTime() - began) / 1e9;
        assertTrue(seconds >= 2 && seconds < 20, "the call ended at the cap, not after the 30 s drip: " + seconds + " s");

        origin.awaitIdle(Duration.ofSeconds(10)); // the drip was closed at the cap
        assertEquals(1, origin.stat("abandoned") - abandonedBefore, "the drip was cut short");
        assertEquals(3 - (cutOff - 1), origin.stat("started") - startedBefore);
    }

    private static void assertCutOff(FetchResult result) {
        assertEquals(FetchError.FETCH_ERROR_TIMEOUT, result.getError(), result::toString);
        assertTrue(result.getErrorMessage().contains("time cap of 2s (fanout.fetcher.max-call-duration)"),
                result::getErrorMessage);
    }
}
