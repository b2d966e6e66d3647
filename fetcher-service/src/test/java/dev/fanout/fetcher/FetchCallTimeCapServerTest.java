package dev.fanout.fetcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.rpc.ErrorInfo;
import dev.fanout.runtime.calls.CallTimeCap;
import dev.fanout.v1.FetchError;
import dev.fanout.v1.FetchMode;
import dev.fanout.v1.FetchResult;
import io.grpc.Status;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The call time cap on the app's own server (Quarkus's unified gRPC server, the shared interceptor
 * as a CDI bean): the results and the summary reach the caller, then DEADLINE_EXCEEDED with the cap's
 * ErrorInfo. FetchCallTimeCapTest covers every mode on the standalone assembly.
 */
@QuarkusTest
@TestProfile(FetchCallTimeCapServerTest.TwoSecondCap.class)
class FetchCallTimeCapServerTest {

    public static final class TwoSecondCap implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("fanout.fetcher.max-call-duration", "2s");
        }
    }

    @Test
    void theCapEndsTheCallAfterEveryResultAndTheSummary() throws Exception {
        String origin = "http://127.0.0.1:" + RestAssured.port + "/origin";
        FetchCalls.Ended ended;
        long began = System.nanoTime();
        try (FetchCalls calls = new FetchCalls("127.0.0.1", RestAssured.port)) {
            ended = calls.fetchUntilFailure(FetchCalls.request(FetchMode.FETCH_MODE_REACTIVE, 2, Duration.ofSeconds(60),
                    List.of(origin + "/delay/0/bytes/10", origin + "/drip/300/every/100")));
        }
        assertEquals(Status.Code.DEADLINE_EXCEEDED, ended.failure().getStatus().getCode());
        ErrorInfo cap = CallTimeCap.reported(ended.failure()).orElseThrow(() -> new AssertionError(
                "no CALL_TIME_CAP ErrorInfo: " + ended.failure()));
        assertEquals(Map.of("limit", "2s", "setting", "fanout.fetcher.max-call-duration"), cap.getMetadataMap());
        List<FetchResult> results = ended.outcome().byIndex();
        assertEquals(List.of(0, 1), results.stream().map(FetchResult::getIndex).toList());
        assertEquals(10, results.get(0).getBytes(), results.get(0)::toString);
        assertEquals(FetchError.FETCH_ERROR_TIMEOUT, results.get(1).getError(), results.get(1)::toString);
        assertEquals(1, ended.outcome().summary().getOk());
        assertEquals(1, ended.outcome().summary().getFailed());
        // Timed by the client, whose call starts before the service's clock for the cap does.
        double seconds = (System.nanoTime() - began) / 1e9;
        assertTrue(seconds >= 2 && seconds < 20, "ended at the 2 s cap, not after the 30 s drip: " + seconds + " s");
    }
}
