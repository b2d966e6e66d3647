package dev.fanout.fetcher;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import dev.fanout.v1.FetchMode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Prometheus shows per-mode call latency, URLs by outcome and bytes. */
@QuarkusTest
class FetchMetricsTest {

    @Test
    void aCallShowsUpOnQMetrics() throws Exception {
        try (FetchCalls calls = new FetchCalls("127.0.0.1", RestAssured.port)) {
            calls.fetch(FetchCalls.request(FetchMode.FETCH_MODE_VIRTUAL_THREADS, 2, null, List.of(
                    "http://127.0.0.1:" + RestAssured.port + "/origin/delay/0/bytes/1234", "http://10.0.0.1/")));
        }
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("fanout_fetch_urls_total{mode=\"virtual-threads\",outcome=\"ok\"}"))
                .body(containsString("fanout_fetch_urls_total{mode=\"virtual-threads\",outcome=\"failed\"}"))
                .body(containsString("fanout_fetch_bytes_total{mode=\"virtual-threads\"}"))
                .body(containsString("fanout_fetch_call_seconds_bucket{mode=\"virtual-threads\",outcome=\"completed\""));
    }
}
