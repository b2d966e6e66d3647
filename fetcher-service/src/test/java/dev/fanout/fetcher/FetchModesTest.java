package dev.fanout.fetcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.v1.FetchError;
import dev.fanout.v1.FetchMode;
import dev.fanout.v1.FetchResult;
import dev.fanout.v1.FetchSummary;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every local mode against the built-in origin (test profile: origin on, only 127.0.0.1/32 allowed,
 * 1 MiB body cap): one batch with known latencies, sizes, statuses, redirects, a refused port, a
 * timeout, a slow drip, a huge body, bad URLs and SSRF attempts, every result asserted exactly.
 */
@QuarkusTest
class FetchModesTest extends ServedFetcherTest {

    private static final long CAP = 1024 * 1024;

    @ParameterizedTest
    @EnumSource(value = FetchMode.class, names = {"FETCH_MODE_SEQUENTIAL", "FETCH_MODE_THREADS",
            "FETCH_MODE_VIRTUAL_THREADS", "FETCH_MODE_REACTIVE"})
    void everyCaseOfABatchGetsItsExactResult(FetchMode mode) throws IOException {
        int closedPort = Ports.closed("127.0.0.1");
        List<String> urls = List.of(
                origin + "/delay/100/bytes/10000",                                         // 0
                origin + "/delay/0/bytes/0",                                               // 1
                origin + "/status/404",                                                    // 2
                origin + "/redirect/3",                                                    // 3
                origin + "/redirect/6",                                                    // 4
                "http://127.0.0.1:" + closedPort + "/",                                    // 5
                origin + "/delay/30000/bytes/10",                                          // 6
                origin + "/drip/5/every/50",                                               // 7
                origin + "/delay/0/bytes/2000000",                                         // 8
                "not a url",                                                               // 9
                "ftp://127.0.0.1/file",                                                    // 10
                "http://127.0.0.2:" + RestAssured.port + "/origin/status/200",             // 11
                "http://169.254.169.254/latest/meta-data/",                                // 12
                "http://10.0.0.1/",                                                        // 13
                origin + "/redirect-to?url=http://169.254.169.254/latest/meta-data/",      // 14
                "http://private.test/",                                                    // 15
                "http://no-such-host.test/",                                               // 16
                origin + "/redirect-to?url=" + origin + "/delay/0/bytes/100",              // 17
                "",                                                                        // 18
                origin + "/delay/0/bytes/100000000000");                                   // 19

        FetchCalls.Outcome outcome = calls.fetch(FetchCalls.request(mode, 4, Duration.ofMillis(3000), urls));
        List<FetchResult> results = outcome.byIndex();

        assertEquals(IntStream.range(0, urls.size()).boxed().toList(), results.stream().map(FetchResult::getIndex).toList());
        if (mode == FetchMode.FETCH_MODE_SEQUENTIAL) {
            assertEquals(results, outcome.results(), "sequential results arrive in request order");
        }
        ok(results.get(0), 10_000);
        assertTrue(millis(results.get(0).getTimeToFirstByte()) >= 100, "the origin waits 100 ms before the body");
        assertTrue(millis(results.get(0).getElapsed()) >= millis(results.get(0).getTimeToFirstByte()));
        ok(results.get(1), 0);
        failed(results.get(2), FetchError.FETCH_ERROR_HTTP_STATUS, "HTTP 404");
        assertEquals(404, results.get(2).getStatus());
        assertEquals("status 404\n".length(), results.get(2).getBytes());
        ok(results.get(3), "redirected\n".length(), ExpectedBody.sha256Of("redirected\n"));
        assertEquals(3, results.get(3).getRedirects());
        assertEquals(origin + "/redirect/0", results.get(3).getFinalUrl());
        failed(results.get(4), FetchError.FETCH_ERROR_TOO_MANY_REDIRECTS, "more than 5 redirects");
        failed(results.get(5), FetchError.FETCH_ERROR_CONNECT, "127.0.0.1:" + closedPort);
        failed(results.get(6), FetchError.FETCH_ERROR_TIMEOUT, "3000 ms");
        ok(results.get(7), 5 * 1024);
        failed(results.get(8), FetchError.FETCH_ERROR_BODY_TOO_LARGE, "larger than " + CAP);
        assertEquals(CAP, results.get(8).getBytes());
        assertEquals(ExpectedBody.sha256(CAP), results.get(8).getSha256());
        failed(results.get(9), FetchError.FETCH_ERROR_INVALID_URL, "not a valid URL");
        failed(results.get(10), FetchError.FETCH_ERROR_UNSUPPORTED_SCHEME, "only http and https");
        failed(results.get(11), FetchError.FETCH_ERROR_BLOCKED_ADDRESS, "127.0.0.2, a loopback address");
        failed(results.get(12), FetchError.FETCH_ERROR_BLOCKED_ADDRESS, "169.254.169.254, a link-local");
        failed(results.get(13), FetchError.FETCH_ERROR_BLOCKED_ADDRESS, "10.0.0.1, a private address");
        failed(results.get(14), FetchError.FETCH_ERROR_BLOCKED_ADDRESS, "169.254.169.254");
        assertEquals(1, results.get(14).getRedirects(), "the guard applies to the redirect hop");
        failed(results.get(15), FetchError.FETCH_ERROR_BLOCKED_ADDRESS, "'private.test' is 10.0.0.1");
        failed(results.get(16), FetchError.FETCH_ERROR_DNS, "no-such-host.test");
        ok(results.get(17), 100);
        assertEquals(1, results.get(17).getRedirects());
        failed(results.get(18), FetchError.FETCH_ERROR_INVALID_URL, "not absolute");
        // 100 GB: only a client that stops reading at the cap gets this result inside the 3 s timeout.
        failed(results.get(19), FetchError.FETCH_ERROR_BODY_TOO_LARGE, "larger than " + CAP);
        assertEquals(CAP, results.get(19).getBytes());

        FetchSummary summary = outcome.summary();
        assertEquals(5, summary.getOk());
        assertEquals(15, summary.getFailed());
        assertEquals(results.stream().mapToLong(FetchResult::getBytes).sum(), summary.getBytes());
        assertEquals(10_000 + 11 + 11 + 5 * 1024 + CAP + 100 + CAP, summary.getBytes());
        assertEquals(mode, summary.getMode());
        assertEquals(mode == FetchMode.FETCH_MODE_SEQUENTIAL ? 1 : 4, summary.getConcurrency());
        assertEquals(1, summary.getFetchers());
        assertTrue(results.stream().allMatch(r -> r.getFetchedBy().equals("fetcher-under-test")));
    }

    @ParameterizedTest
    @EnumSource(value = FetchMode.class, names = {"FETCH_MODE_THREADS", "FETCH_MODE_VIRTUAL_THREADS", "FETCH_MODE_REACTIVE"})
    void resultsStreamInCompletionOrderAndAFreeSlotTakesTheNextUrl(FetchMode mode) {
        // Concurrency 2: one slot stays on the slow URL while the other works through the rest.
        FetchCalls.Outcome outcome = calls.fetch(FetchCalls.request(mode, 2, null, List.of(
                origin + "/delay/1500/bytes/10", origin + "/delay/0/bytes/10", origin + "/delay/0/bytes/10",
                origin + "/delay/0/bytes/10")));
        assertEquals(List.of(1, 2, 3, 0), outcome.results().stream().map(FetchResult::getIndex).toList());
    }

    @Test
    void unspecifiedModeIsReactiveWithTheDefaultConcurrency() {
        FetchCalls.Outcome outcome = calls.fetch(FetchCalls.request(FetchMode.FETCH_MODE_UNSPECIFIED, 0, null,
                List.of(origin + "/delay/0/bytes/26")));
        ok(outcome.results().getFirst(), 26);
        assertEquals(FetchMode.FETCH_MODE_REACTIVE, outcome.summary().getMode());
        assertEquals(100, outcome.summary().getConcurrency());
    }

    /** A 2xx result whose body is the origin's pattern of {@code bytes} bytes. */
    static void ok(FetchResult result, long bytes) {
        ok(result, bytes, ExpectedBody.sha256(bytes));
    }

    static void ok(FetchResult result, long bytes, String sha256) {
        assertEquals(FetchError.FETCH_ERROR_UNSPECIFIED, result.getError(), result::toString);
        assertEquals(200, result.getStatus());
        assertEquals(bytes, result.getBytes());
        assertEquals(sha256, result.getSha256());
        assertEquals("", result.getErrorMessage());
        assertEquals(1, result.getAttempts());
    }

    static void failed(FetchResult result, FetchError error, String messagePart) {
        assertEquals(error, result.getError(), result::toString);
        assertTrue(result.getErrorMessage().contains(messagePart), () -> "message: " + result.getErrorMessage());
    }

    static long millis(com.google.protobuf.Duration duration) {
        return duration.getSeconds() * 1000 + duration.getNanos() / 1_000_000;
    }
}
