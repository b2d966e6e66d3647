package dev.fanout.fetcher.download;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fanout.fetcher.ExpectedBody;
import dev.fanout.fetcher.FetchCalls;
import dev.fanout.fetcher.OriginAndFetcher;
import dev.fanout.fetcher.StandaloneOrigin;
import dev.fanout.v1.FetchError;
import dev.fanout.v1.FetchMode;
import dev.fanout.v1.FetchResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** With retries configured, transient failures are tried again with backoff, in both HTTP clients. */
class RetryTest {

    private static OriginAndFetcher local;

    @BeforeAll
    static void start() throws Exception {
        local = new OriginAndFetcher(Map.of("fanout.fetcher.retry.max-retries", "2", "fanout.fetcher.retry.backoff", "10ms"));
    }

    @AfterAll
    static void stop() throws Exception {
        local.close();
    }

    @ParameterizedTest
    @EnumSource(value = FetchMode.class, names = {"FETCH_MODE_VIRTUAL_THREADS", "FETCH_MODE_REACTIVE"})
    void transientFailuresAreRetriedUpToTheLimit(FetchMode mode) throws Exception {
        String key = mode.name();
        StandaloneOrigin origin = local.origin();
        try (FetchCalls calls = local.calls()) {
            List<FetchResult> results = calls.fetch(FetchCalls.request(mode, 3, null, List.of(
                    origin.url("/flaky/" + key + "-recovers/2"),
                    origin.url("/flaky/" + key + "-stays-down/5"),
                    origin.url("/status/404")))).byIndex();
            assertEquals(FetchError.FETCH_ERROR_UNSPECIFIED, results.get(0).getError(), results.get(0)::toString);
            assertEquals(3, results.get(0).getAttempts());
            assertEquals(ExpectedBody.sha256Of("ok after 2 failures\n"), results.get(0).getSha256());
            assertEquals(FetchError.FETCH_ERROR_HTTP_STATUS, results.get(1).getError());
            assertEquals(503, results.get(1).getStatus());
            assertEquals(3, results.get(1).getAttempts());
            assertEquals(1, results.get(2).getAttempts(), "a 404 is final");
        }
    }
}
