package dev.fanout.fetcher.origin;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.RedirectConfig;
import io.restassured.config.RestAssuredConfig;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The built-in origin over plain HTTP, as a browser or curl sees it. */
@QuarkusTest
class SimulatedOriginTest {

    private static final RestAssuredConfig NO_REDIRECTS = RestAssuredConfig.config()
            .redirect(RedirectConfig.redirectConfig().followRedirects(false));

    @Test
    void delayedBytesAreTheAlphabetPattern() {
        long start = System.nanoTime();
        byte[] body = given().get("/origin/delay/200/bytes/60").then().statusCode(200)
                .header("Content-Length", "60").extract().asByteArray();
        assertEquals("abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefgh", new String(body));
        org.hamcrest.MatcherAssert.assertThat((System.nanoTime() - start) / 1_000_000, greaterThanOrEqualTo(200L));
    }

    @Test
    void aLargeBodyStreamsInFull() {
        assertEquals(3_000_000, given().get("/origin/delay/0/bytes/3000000").then().statusCode(200)
                .extract().asByteArray().length);
    }

    /** The test profile caps the origin at 200G (fanout.fetcher.origin.max-body-size; 1G by default). */
    @Test
    void bodiesAboveTheCapAreRefusedWithTheSettingsName() {
        given().get("/origin/delay/0/bytes/" + ((200L << 30) + 1)).then().statusCode(400)
                .body(containsString("at most 214748364800 (fanout.fetcher.origin.max-body-size)"));
        given().get("/origin/delay/0/bytes/" + Long.MAX_VALUE).then().statusCode(400);
        assertEquals(1L << 30, dev.fanout.fetcher.StandaloneFetcher.config(java.util.Map.of()).origin().maxBodySize().asLongValue(),
                "the default cap is 1 GiB");
    }

    @Test
    void statusRouteAnswersWithThatStatus() {
        given().get("/origin/status/418").then().statusCode(418).body(equalTo("status 418\n"));
    }

    @Test
    void redirectHopsCountDown() {
        given().config(NO_REDIRECTS).get("/origin/redirect/2").then().statusCode(302).header("Location", "/origin/redirect/1");
        given().get("/origin/redirect/2").then().statusCode(200).body(equalTo("redirected\n"));
        given().config(NO_REDIRECTS).queryParam("url", "http://example.test/x").get("/origin/redirect-to")
                .then().statusCode(302).header("Location", "http://example.test/x");
    }

    @Test
    void dripContinuesThePattern() {
        String body = given().get("/origin/drip/3/every/20").then().statusCode(200).extract().asString();
        assertEquals(3 * 1024, body.length());
        for (int i = 0; i < body.length(); i++) {
            assertEquals((char) ('a' + i % 26), body.charAt(i), "byte " + i);
        }
    }

    @Test
    void flakyFailsTheGivenNumberOfTimesPerKey() {
        given().get("/origin/flaky/origin-test/2").then().statusCode(503);
        given().get("/origin/flaky/origin-test/2").then().statusCode(503);
        given().get("/origin/flaky/origin-test/2").then().statusCode(200).body(containsString("ok after 2"));
    }

    @Test
    void badParametersAreAClearBadRequest() {
        given().get("/origin/delay/abc/bytes/10").then().statusCode(400).body(containsString("ms must be a number"));
        given().get("/origin/status/99").then().statusCode(400);
        given().get("/origin/redirect-to").then().statusCode(400).body(containsString("?url="));
    }

    @Test
    void statsCountAResponseInFlightUntilItEnds() {
        long started = stat("started");
        long inFlight = stat("inFlight");
        CompletableFuture<Integer> slow = CompletableFuture.supplyAsync(() -> given().get("/origin/delay/1500/bytes/10").statusCode());

        await("the slow response in flight").atMost(Duration.ofSeconds(10))
                .until(() -> stat("inFlight") == inFlight + 1 && stat("started") == started + 1);
        assertEquals(200, slow.join());
        await("the slow response ended").atMost(Duration.ofSeconds(10)).until(() -> stat("inFlight") == inFlight);
        assertEquals(started + 1, stat("started"));
    }

    private static long stat(String name) {
        return given().get("/origin/stats").then().statusCode(200).extract().jsonPath().getLong(name);
    }
}
