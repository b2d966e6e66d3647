package dev.fanout.fetcher;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.v1.FetchMode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Prometheus shows per-mode call latency, URLs by outcome and bytes, counted exactly. */
@QuarkusTest
class FetchMetricsTest {

    private static final String OK = "fanout_fetch_urls_total{mode=\"virtual-threads\",outcome=\"ok\"}";
    private static final String FAILED = "fanout_fetch_urls_total{mode=\"virtual-threads\",outcome=\"failed\"}";
    private static final String BYTES = "fanout_fetch_bytes_total{mode=\"virtual-threads\"}";

    @Test
    void aCallShowsUpOnQMetrics() throws Exception {
        String before = metrics();
        try (FetchCalls calls = new FetchCalls("127.0.0.1", RestAssured.port)) {
            calls.fetch(FetchCalls.request(FetchMode.FETCH_MODE_VIRTUAL_THREADS, 2, null, List.of(
                    "http://127.0.0.1:" + RestAssured.port + "/origin/delay/0/bytes/1234", "http://10.0.0.1/")));
        }
        String after = metrics();
        // Other tests in this JVM use the same counters, so the call is checked by what it added.
        assertEquals(1, value(after, OK) - value(before, OK));
        assertEquals(1, value(after, FAILED) - value(before, FAILED));
        assertEquals(1234, value(after, BYTES) - value(before, BYTES));
        assertTrue(after.contains("fanout_fetch_call_seconds_bucket{mode=\"virtual-threads\",outcome=\"OK\""));
    }

    private static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The sample's value, 0 while the series does not exist yet. */
    private static double value(String exposition, String series) {
        return exposition.lines().filter(line -> line.startsWith(series + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(series.length() + 1).trim()))
                .findFirst().orElse(0);
    }
}
