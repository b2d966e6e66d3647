package dev.fanout.fetcher.download;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fanout.fetcher.ExpectedBody;
import dev.fanout.fetcher.FetchCalls;
import dev.fanout.fetcher.OriginAndFetcher;
import dev.fanout.v1.FetchError;
import dev.fanout.v1.FetchMode;
import dev.fanout.v1.FetchResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Bodies past {@link BodyDigest#HAND_OVER_AFTER} are hashed on their own thread while the client reads
 * on: the digest must still be the whole body's, in order, and the size cap must cut at its exact byte.
 */
class LargeBodyTest {

    private static final long CAP = 12L * 1024 * 1024;

    @ParameterizedTest
    @EnumSource(value = FetchMode.class, names = {"FETCH_MODE_SEQUENTIAL", "FETCH_MODE_THREADS",
            "FETCH_MODE_VIRTUAL_THREADS", "FETCH_MODE_REACTIVE"})
    void aLargeBodyIsDigestedWholeAndCutAtTheCap(FetchMode mode) throws Exception {
        try (OriginAndFetcher local = new OriginAndFetcher(Map.of("fanout.fetcher.max-body-size", Long.toString(CAP)));
                FetchCalls calls = local.calls()) {
            long whole = 8L * 1024 * 1024 + 7;
            List<String> urls = List.of(local.origin().url("/delay/0/bytes/" + whole),
                    local.origin().url("/delay/0/bytes/20000000"));
            List<FetchResult> results = calls.fetch(FetchCalls.request(mode, 2, Duration.ofSeconds(30), urls)).byIndex();

            assertEquals(FetchError.FETCH_ERROR_UNSPECIFIED, results.get(0).getError(), results.get(0).toString());
            assertEquals(whole, results.get(0).getBytes());
            assertEquals(ExpectedBody.sha256(whole), results.get(0).getSha256());

            assertEquals(FetchError.FETCH_ERROR_BODY_TOO_LARGE, results.get(1).getError(), results.get(1).toString());
            assertEquals(CAP, results.get(1).getBytes());
            assertEquals(ExpectedBody.sha256(CAP), results.get(1).getSha256());
        }
    }
}
