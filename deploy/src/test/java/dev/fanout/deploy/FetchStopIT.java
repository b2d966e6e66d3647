package dev.fanout.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.MethodDescriptor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Stop means stop, for fetcher-service: a fetcher with its simulated origin and two peer fetchers
 * for PODS (found through one host name), each a packaged JVM. Every download of every mode, the
 * peers' included, goes to the one origin, so its /origin/stats counts them all. A call of 300 slow
 * URLs in each mode is ended by SIGINT or SIGKILL to the packaged fanout, by its --deadline, or by a
 * gRPC client's cancel: within a second no download may still be in flight, and none may start
 * after. No service may log an ERROR or a stack trace for it.
 */
class FetchStopIT extends StopITBase {

    private static final String FETCHER = "127.0.113.1:8082";
    private static final List<String> PEERS = List.of("127.0.113.11", "127.0.113.12");
    private static final int URLS = 300;
    private static final int CONCURRENCY = 30;
    /** 300 URLs of 2 s at 30 at once: 20 s of work (10 min sequentially); every call here is ended early. */
    private static final List<String> SLOW = Collections.nCopies(URLS, "http://" + FETCHER + "/origin/delay/2000/bytes/1000");
    private static final Map<String, Integer> MODES = new TreeMap<>(Map.of("sequential", 1, "threads", 2, "virtual-threads", 3,
            "reactive", 4, "pods", 5));

    private Path urls;

    FetchStopIT() {
        super("fetch", FETCHER, "fanout.v1.Fetcher/Fetch", MethodDescriptor.MethodType.SERVER_STREAMING,
                "fetcher-peers.stop.test", PEERS, MODES);
    }

    @Override
    protected void launch(Path hosts, List<ServiceProcess> started) throws IOException {
        urls = dir.resolve("urls.txt");
        Files.write(urls, SLOW);
        for (int i = 0; i < PEERS.size(); i++) {
            started.add(ServiceProcess.launch("fetcher-service", PEERS.get(i), 8082,
                    Map.of("HOSTNAME", "peer-" + (i + 1), "FANOUT_FETCHER_ALLOWED_NETWORKS", "127.0.0.0/8"),
                    List.of(), dir.resolve("peer-" + (i + 1) + ".log")));
        }
        started.add(ServiceProcess.launch("fetcher-service", "127.0.113.1", 8082,
                Map.of("HOSTNAME", "fetcher", "FANOUT_FETCHER_ALLOWED_NETWORKS", "127.0.0.0/8",
                        "FANOUT_FETCHER_ORIGIN_ENABLED", "true", "FANOUT_FETCHER_PEERS", "dns:///fetcher-peers.stop.test:8082"),
                List.of("-Djdk.net.hosts.file=" + hosts), dir.resolve("fetcher.log")));
    }

    @Override
    protected byte[] request(int mode) {
        return StopProbe.fetchRequest(SLOW, mode, CONCURRENCY);
    }

    @Override
    protected boolean idle() {
        return stat("inFlight") == 0;
    }

    private static long stat(String name) {
        return StopProbe.originStats(FETCHER).get(name);
    }

    @ParameterizedTest(name = "{0} ended by {1}")
    @MethodSource("cases")
    @Order(1)
    void theDownloadsStopWithinASecondAndNoneStartsAfter(String mode, String way) throws Exception {
        StopProbe.await(() -> stat("inFlight") == 0, Duration.ofSeconds(30), "no download before the call");
        long startedBefore = stat("started");
        Path out = dir.resolve(mode + "-" + way + ".out");
        List<String> args = List.of("fetch", "--fetcher", FETCHER, "--mode", mode, "--concurrency", Integer.toString(CONCURRENCY),
                "--urls-file", urls.toString(), "--json-lines",
                "--deadline", way.equals("deadline") ? StopProbe.DEADLINE.toMillis() + "ms" : "2m");
        Call call = start(mode, way, args, out);
        StopProbe.await(() -> stat("started") > startedBefore, Duration.ofSeconds(60), "the call's work starts");
        long since = end(call, Duration.ofMillis(500));
        recordStop(mode, way, since, StopProbe.await(() -> stat("inFlight") == 0, Duration.ofSeconds(30), "every download stops"),
                "downloads");
        long startedAtStop = stat("started");
        Thread.sleep(1000);
        assertEquals(startedAtStop, stat("started"), mode + " ended by " + way + ": downloads started after the call ended");
        assertTrue(startedAtStop - startedBefore < URLS, "the call was ended early");
        if (way.equals("deadline")) {
            // The same through fanout's --deadline.
            long cliBefore = stat("started");
            StopProbe.fanoutsDeadlineStopsTheWork(args, out, () -> stat("started") > cliBefore, () -> stat("inFlight") == 0,
                    mode + ": the downloads");
        }
        assertFanoutEnded(call, out);
    }
}
