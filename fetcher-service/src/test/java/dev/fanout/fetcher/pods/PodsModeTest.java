package dev.fanout.fetcher.pods;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.fetcher.ExpectedBody;
import dev.fanout.fetcher.FetchCalls;
import dev.fanout.fetcher.Ports;
import dev.fanout.fetcher.StandaloneFetcher;
import dev.fanout.fetcher.StandaloneOrigin;
import dev.fanout.v1.FetchError;
import dev.fanout.v1.FetchMode;
import dev.fanout.v1.FetchResult;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PODS mode across real processes' worth of fetchers on one machine: two peers on 127.0.0.2 and
 * 127.0.0.3 (same port), found as the test hosts file's fetchers.test, like a headless Service's
 * DNS; a coordinator on 127.0.0.1 cuts the list into shards, which the peers pull over gRPC.
 */
class PodsModeTest {

    private static StandaloneOrigin origin;
    private static StandaloneFetcher peer2;
    private static StandaloneFetcher peer3;
    private static StandaloneFetcher coordinator;
    private static int peerPort;

    @BeforeAll
    static void start() throws Exception {
        origin = new StandaloneOrigin();
        peerPort = Ports.closed("127.0.0.2"); // free there, and almost surely on 127.0.0.3 too
        peer2 = new StandaloneFetcher("127.0.0.2", peerPort, peer("peer-2"));
        peer3 = new StandaloneFetcher("127.0.0.3", peerPort, peer("peer-3"));
        coordinator = new StandaloneFetcher("127.0.0.1", 0, Map.of(
                "fanout.fetcher.peers", "dns:///fetchers.test:" + peerPort,
                "fanout.fetcher.instance-name", "coordinator"));
    }

    private static Map<String, String> peer(String name) {
        return Map.of("fanout.fetcher.allowed-networks", "127.0.0.1/32", "fanout.fetcher.instance-name", name);
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] {coordinator, peer2, peer3, origin}) {
            if (closeable != null) {
                closeable.close();
            }
        }
    }

    @Test
    void thePeersPullShardsAndTheResultsMergeWithRequestIndices() throws Exception {
        List<String> urls = IntStream.range(0, 40).mapToObj(i -> origin.url("/delay/20/bytes/" + (100 + i))).toList();
        try (FetchCalls calls = new FetchCalls("127.0.0.1", coordinator.port())) {
            FetchCalls.Outcome outcome = calls.fetch(FetchCalls.request(FetchMode.FETCH_MODE_PODS, 8, null, urls));
            List<FetchResult> results = outcome.byIndex();
            assertEquals(IntStream.range(0, 40).boxed().toList(), results.stream().map(FetchResult::getIndex).toList());
            for (FetchResult result : results) {
                assertEquals(FetchError.FETCH_ERROR_UNSPECIFIED, result.getError(), result::toString);
                assertEquals(urls.get(result.getIndex()), result.getUrl());
                assertEquals(100 + result.getIndex(), result.getBytes());
                assertEquals(ExpectedBody.sha256(100 + result.getIndex()), result.getSha256());
            }
            assertEquals(Set.of("peer-2", "peer-3"), results.stream().map(FetchResult::getFetchedBy).collect(Collectors.toSet()));
            // Many small shards, pulled: 2 peers x 2 in flight x 4 = 16 shards of 2 or 3 URLs.
            Map<String, Long> perPeer = results.stream().collect(Collectors.groupingBy(FetchResult::getFetchedBy, Collectors.counting()));
            assertTrue(perPeer.values().stream().allMatch(count -> count >= 8), perPeer::toString);
            assertEquals(40, outcome.summary().getOk());
            assertEquals(2, outcome.summary().getFetchers());
            assertEquals(FetchMode.FETCH_MODE_PODS, outcome.summary().getMode());
            assertEquals(IntStream.range(0, 40).map(i -> 100 + i).sum(), outcome.summary().getBytes());
        }
    }

    @Test
    void theDeadlineReachesThePeersAndStopsTheirDownloads() throws Exception {
        long startedBefore = origin.stat("started");
        long abandonedBefore = origin.stat("abandoned");
        List<String> slow = Collections.nCopies(10, origin.url("/drip/300/every/100"));
        try (FetchCalls calls = new FetchCalls("127.0.0.1", coordinator.port())) {
            StatusRuntimeException error = assertThrows(StatusRuntimeException.class, () -> calls.stub()
                    .withDeadlineAfter(4, TimeUnit.SECONDS)
                    .fetch(FetchCalls.request(FetchMode.FETCH_MODE_PODS, 10, Duration.ofSeconds(60), slow))
                    .forEachRemaining(event -> { }));
            assertEquals(Status.Code.DEADLINE_EXCEEDED, error.getStatus().getCode());
        }
        origin.awaitIdle(Duration.ofSeconds(10)); // drips take 30 s
        long started = origin.stat("started") - startedBefore;
        assertTrue(started > 0, "no download had started");
        assertEquals(started, origin.stat("abandoned") - abandonedBefore, "every started response was cut short");
    }

    @Test
    void aDeadPeerLosesNoUrlsWhileALiveOneRemains() throws Exception {
        int deadPort = Ports.closed("127.0.0.4");
        List<String> urls = IntStream.range(0, 10).mapToObj(i -> origin.url("/delay/10/bytes/" + (10 + i))).toList();
        try (StandaloneFetcher halfDead = new StandaloneFetcher("127.0.0.1", 0, Map.of(
                "fanout.fetcher.peers", "127.0.0.2:" + peerPort + ", 127.0.0.4:" + deadPort));
                FetchCalls calls = new FetchCalls("127.0.0.1", halfDead.port())) {
            FetchCalls.Outcome outcome = calls.fetch(FetchCalls.request(FetchMode.FETCH_MODE_PODS, 4, null, urls));
            assertEquals(10, outcome.summary().getOk());
            assertTrue(outcome.results().stream().allMatch(r -> r.getFetchedBy().equals("peer-2")));
        }
    }

    @Test
    void withEveryPeerDownEachUrlIsAFailedResult() throws Exception {
        int deadPort = Ports.closed("127.0.0.4");
        List<String> urls = IntStream.range(0, 5).mapToObj(i -> origin.url("/delay/0/bytes/1")).toList();
        try (StandaloneFetcher orphan = new StandaloneFetcher("127.0.0.1", 0, Map.of(
                "fanout.fetcher.peers", "127.0.0.4:" + deadPort));
                FetchCalls calls = new FetchCalls("127.0.0.1", orphan.port())) {
            FetchCalls.Outcome outcome = calls.fetch(FetchCalls.request(FetchMode.FETCH_MODE_PODS, 4, null, urls));
            assertEquals(5, outcome.summary().getFailed());
            assertEquals(IntStream.range(0, 5).boxed().toList(), outcome.byIndex().stream().map(FetchResult::getIndex).toList());
            for (FetchResult result : outcome.results()) {
                assertEquals(FetchError.FETCH_ERROR_IO, result.getError());
                assertEquals("no peer fetcher finished this URL: 3 tries on peer 127.0.0.4:" + deadPort + " failed; the last:"
                        + " peer unreachable (connection refused). Check the fetcher peers behind 127.0.0.4:" + deadPort
                        + ", or retry.", result.getErrorMessage());
            }
        }
    }
}
