package dev.fanout.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * FETCH_MODE_PODS on the packaged apps: a coordinating fetcher (with the simulated origin every
 * download goes to) and three peers behind one name in a hosts file, a fourth started aside. A peer
 * hung by SIGSTOP mid-call has its URLs fetched elsewhere, each URL reported once; a peer added to
 * the name gets shards. Figures in target/pods-fetch-it/figures.txt.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PodsFetchIT {

    private static final List<String> PEERS = List.of("127.0.116.11", "127.0.116.12", "127.0.116.13");
    private static final String FOURTH = "127.0.116.14";
    private static final String COORDINATOR = "127.0.116.1";
    private static final Pattern EVENT_INDEX = Pattern.compile("\"index\":(\\d+)");
    private static final Pattern FETCHED_BY = Pattern.compile("\"fetchedBy\":\"([^\"]*)\"");
    private static final Pattern ERROR = Pattern.compile("\"error\":\"(FETCH_ERROR_\\w+)\"");

    private static PodsTopology topology;

    @BeforeAll
    static void start() throws IOException {
        topology = new PodsTopology("fetcher-service", "fetcher-peers.pods.test", 8082, Kustomize.DEPLOY.resolve("target/pods-fetch-it"));
        Map<String, Map<String, String>> listed = new LinkedHashMap<>();
        for (int i = 0; i < PEERS.size(); i++) {
            listed.put(PEERS.get(i), peer("peer-" + (i + 1)));
        }
        topology.startWorkers(listed, List.of(), true);
        topology.startWorkers(Map.of(FOURTH, peer("peer-4")), List.of(), false);
        topology.startCoordinator(COORDINATOR, Map.of("HOSTNAME", "coordinator", "FANOUT_FETCHER_ALLOWED_NETWORKS", "127.0.0.0/8",
                "FANOUT_FETCHER_ORIGIN_ENABLED", "true", "FANOUT_FETCHER_PEERS", topology.target()));
    }

    private static Map<String, String> peer(String name) {
        return Map.of("HOSTNAME", name, "FANOUT_FETCHER_ALLOWED_NETWORKS", "127.0.0.0/8");
    }

    @AfterAll
    static void stop() throws IOException, InterruptedException {
        if (topology != null) {
            topology.close();
        }
    }

    /** One PODS call of {@code count} URLs of the origin, each {@code delayMs} long: each URL's one result, by index. */
    private static Map<Integer, String> fetch(int count, int delayMs, int concurrency) throws Exception {
        String urls = IntStream.range(0, count)
                .mapToObj(i -> "\"http://" + topology.coordinator() + "/origin/delay/" + delayMs + "/bytes/" + (1000 + i) + "\"")
                .collect(Collectors.joining(","));
        List<String> events = topology.probe().call("fanout.v1.Fetcher/Fetch",
                "{\"urls\": [" + urls + "], \"mode\": \"FETCH_MODE_PODS\", \"concurrency\": " + concurrency + "}");
        Map<Integer, String> fetchedBy = new TreeMap<>();
        for (String event : events) {
            if (!event.startsWith("{\"result\"")) {
                continue;
            }
            Matcher index = EVENT_INDEX.matcher(event);
            int at = index.find() ? Integer.parseInt(index.group(1)) : 0; // JSON leaves index 0 out
            Matcher error = ERROR.matcher(event);
            assertTrue(!error.find(), "URL " + at + " failed: " + event);
            Matcher by = FETCHED_BY.matcher(event);
            assertTrue(by.find(), event);
            assertEquals(null, fetchedBy.put(at, by.group(1)), "URL " + at + " reported twice");
        }
        assertEquals(count, fetchedBy.size(), "one result per URL");
        return fetchedBy;
    }

    private static Map<String, Long> perPeer(Map<Integer, String> fetchedBy) {
        return fetchedBy.values().stream().collect(Collectors.groupingBy(peer -> peer, TreeMap::new, Collectors.counting()));
    }

    @Test
    @Order(1)
    void aPeerHungMidCallHasItsUrlsFetchedElsewhereEachReportedOnce() throws Exception {
        fetch(60, 50, 12); // warm-up
        // A cold peer whose first shard ran past speculation-after was benched (10 s): let that pass.
        Thread.sleep(10_500);
        long started = System.nanoTime();
        Map<Integer, String> healthy = fetch(240, 250, 24);
        long healthyMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        topology.figure("(d) healthy PODS fetch of 240 URLs of 250 ms at concurrency 24 over 3 peers: " + healthyMillis
                + " ms; URLs per peer " + perPeer(healthy));

        String hung = PEERS.get(1);
        // Over all peers (the metric names none): with the others healthy, the hung peer's tries are what ends early.
        long cancelledBefore = topology.attempts("cancelled") + topology.attempts("failed");
        CompletableFuture<Map<Integer, String>> call = CompletableFuture.supplyAsync(() -> {
            try {
                return fetch(240, 250, 24);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(healthyMillis / 3);
        topology.stop(hung);
        long stopped = System.nanoTime();
        try {
            Map<Integer, String> result = call.get(120, TimeUnit.SECONDS);
            long afterStop = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopped);
            long given = topology.attempts("cancelled") + topology.attempts("failed") - cancelledBefore;
            topology.figure("(d) peer " + hung + " (peer-2) SIGSTOPped " + healthyMillis / 3 + " ms into the call: all 240 URLs ok,"
                    + " each reported once, in about " + (healthyMillis / 3 + afterStop) + " ms; its shards taken away: " + given
                    + "; URLs per peer " + perPeer(result));
            assertTrue(given >= 1, "the hung peer's shards were run elsewhere");
        } finally {
            topology.resume(hung);
        }
    }

    @Test
    @Order(2)
    void aPeerAddedToTheNameGetsShardsWithin30s() throws Exception {
        topology.list(FOURTH);
        long listed = System.nanoTime();
        StopProbe.await(() -> {
            try {
                return fetch(48, 100, 12).containsValue("peer-4");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, Duration.ofSeconds(30), "the 4th peer fetches URLs");
        topology.figure("(d) 4th peer " + FOURTH + " added to the name: fetched URLs of a call within "
                + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - listed) + " ms (bound 30 s)");
    }
}
