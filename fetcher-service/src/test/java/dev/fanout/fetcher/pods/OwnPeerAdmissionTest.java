package dev.fanout.fetcher.pods;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fanout.fetcher.FetchCalls;
import dev.fanout.fetcher.Ports;
import dev.fanout.fetcher.StandaloneFetcher;
import dev.fanout.fetcher.StandaloneOrigin;
import dev.fanout.v1.FetchError;
import dev.fanout.v1.FetchMode;
import dev.fanout.v1.FetchResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A fetcher that is its own PODS peer, as in the local topology, with room for one download: the
 * coordinator's call holds PODS downloads, its shards (served by the same process) hold downloads,
 * two budgets, so neither waits for the other and every URL is fetched. With one shared budget the
 * coordinator would hold the only unit its shards wait for.
 */
class OwnPeerAdmissionTest {

    @Test
    void aFetcherServingItsOwnShardsDoesNotWaitForItself() throws Exception {
        int port = Ports.closed("127.0.0.1");
        try (StandaloneOrigin origin = new StandaloneOrigin();
                StandaloneFetcher fetcher = new StandaloneFetcher("127.0.0.1", port, Map.of(
                        "fanout.fetcher.peers", "127.0.0.1:" + port,
                        "fanout.fetcher.allowed-networks", "127.0.0.1/32",
                        "fanout.fetcher.admission.downloads", "1",
                        "fanout.fetcher.admission.pods-downloads", "1",
                        "fanout.fetcher.admission.max-wait", "1m"));
                FetchCalls calls = new FetchCalls("127.0.0.1", fetcher.port())) {
            // Its channel to itself was opened before its server listened: it reconnects after gRPC's backoff.
            await().atMost(Duration.ofSeconds(30)).until(() -> calls.fetch(FetchCalls.request(FetchMode.FETCH_MODE_PODS, 1, null,
                    List.of(origin.url("/delay/0/bytes/1")))).summary().getOk() == 1);
            List<String> urls = IntStream.range(0, 6).mapToObj(i -> origin.url("/delay/10/bytes/" + (10 + i))).toList();
            FetchCalls.Outcome outcome = calls.fetch(FetchCalls.request(FetchMode.FETCH_MODE_PODS, 4, null, urls));
            List<FetchResult> results = outcome.byIndex();
            assertEquals(6, outcome.summary().getOk(), results::toString);
            assertEquals(1, outcome.summary().getConcurrency(), "lowered to the PODS budget");
            for (int i = 0; i < 6; i++) {
                assertEquals(FetchError.FETCH_ERROR_UNSPECIFIED, results.get(i).getError());
                assertEquals(10 + i, results.get(i).getBytes());
            }
        }
    }
}
