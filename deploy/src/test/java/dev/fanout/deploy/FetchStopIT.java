package dev.fanout.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ClientCall;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Stop means stop, for fetcher-service: a fetcher with its simulated origin and two peer fetchers
 * for PODS (found through one host name), each a packaged JVM. Every download of every mode, the
 * peers' included, goes to the one origin, so its /origin/stats counts them all. A call of 300 slow
 * URLs in each mode is ended by SIGINT or SIGKILL to the packaged fanout, by its --deadline, or by a
 * gRPC client's cancel: within a second no download may still be in flight, and none may start
 * after. No service may log an ERROR or a stack trace for it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FetchStopIT {

    private static final String FETCHER = "127.0.113.1:8082";
    private static final List<String> PEERS = List.of("127.0.113.11", "127.0.113.12");
    private static final int URLS = 300;
    private static final int CONCURRENCY = 30;
    /** 300 URLs of 2 s at 30 at once: 20 s of work (10 min sequentially); every call here is ended early. */
    private static final List<String> SLOW = Collections.nCopies(URLS, "http://" + FETCHER + "/origin/delay/2000/bytes/1000");
    private static final Map<String, Integer> MODES = Map.of("sequential", 1, "threads", 2, "virtual-threads", 3,
            "reactive", 4, "pods", 5);

    private static final StopProbe.Times TIMES = new StopProbe.Times("fetch");
    private static final List<ServiceProcess> SERVICES = new ArrayList<>();
    private static Path dir;
    private static Path urls;
    private static ManagedChannel channel;

    @BeforeAll
    static void startTheServices() throws IOException {
        dir = Kustomize.DEPLOY.resolve("target/fetch-stop-it");
        Files.createDirectories(dir);
        Path hosts = dir.resolve("hosts");
        StringBuilder lines = new StringBuilder("127.0.0.1 localhost\n");
        PEERS.forEach(peer -> lines.append(peer).append(" fetcher-peers.stop.test\n"));
        Files.writeString(hosts, lines);
        urls = dir.resolve("urls.txt");
        Files.write(urls, SLOW);
        for (int i = 0; i < PEERS.size(); i++) {
            SERVICES.add(ServiceProcess.launch("fetcher-service", PEERS.get(i), 8082,
                    Map.of("HOSTNAME", "peer-" + (i + 1), "FANOUT_FETCHER_ALLOWED_NETWORKS", "127.0.0.0/8"),
                    List.of(), dir.resolve("peer-" + (i + 1) + ".log")));
        }
        SERVICES.add(ServiceProcess.launch("fetcher-service", "127.0.113.1", 8082,
                Map.of("HOSTNAME", "fetcher", "FANOUT_FETCHER_ALLOWED_NETWORKS", "127.0.0.0/8",
                        "FANOUT_FETCHER_ORIGIN_ENABLED", "true", "FANOUT_FETCHER_PEERS", "dns:///fetcher-peers.stop.test:8082"),
                List.of("-Djdk.net.hosts.file=" + hosts), dir.resolve("fetcher.log")));
        SERVICES.forEach(ServiceProcess::awaitStarted);
        channel = Grpc.newChannelBuilder(FETCHER, InsecureChannelCredentials.create()).build();
    }

    @AfterAll
    static void stopTheServices() throws IOException, InterruptedException {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        SERVICES.forEach(ServiceProcess::close);
        TIMES.write();
    }

    static Stream<Arguments> cases() {
        return MODES.keySet().stream().sorted().flatMap(mode -> StopProbe.WAYS.stream().map(way -> Arguments.of(mode, way)));
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
        Process cli = null;
        ClientCall<byte[], byte[]> call = null;
        long since = System.nanoTime() + StopProbe.DEADLINE.toNanos();
        if (way.equals("cancel") || way.equals("deadline")) {
            // A client of our own for these two: it knows to the millisecond when its deadline passes.
            call = StopProbe.startCall(channel, "fanout.v1.Fetcher/Fetch", MethodDescriptor.MethodType.SERVER_STREAMING,
                    StopProbe.fetchRequest(SLOW, MODES.get(mode), CONCURRENCY),
                    way.equals("deadline") ? StopProbe.DEADLINE : Duration.ofMinutes(2));
        } else {
            cli = CliRun.start(args, out);
        }
        StopProbe.await(() -> stat("started") > startedBefore, Duration.ofSeconds(60), "the call's work starts");
        since = StopProbe.end(way, cli, call, Duration.ofMillis(500), since);
        long stopped = StopProbe.await(() -> stat("inFlight") == 0, Duration.ofSeconds(30), "every download stops");
        long ms = Math.max(0, TimeUnit.NANOSECONDS.toMillis(stopped - since));
        long startedAtStop = stat("started");
        TIMES.record(mode, way, ms);
        assertTrue(ms <= StopProbe.BOUND.toMillis(), mode + " ended by " + way + ": downloads ran on for " + ms + " ms");
        Thread.sleep(1000);
        assertEquals(startedAtStop, stat("started"), mode + " ended by " + way + ": downloads started after the call ended");
        assertTrue(startedAtStop - startedBefore < URLS, "the call was ended early");
        if (way.equals("deadline")) {
            // The same through fanout's --deadline.
            long cliBefore = stat("started");
            StopProbe.fanoutsDeadlineStopsTheWork(args, out, () -> stat("started") > cliBefore, () -> stat("inFlight") == 0,
                    mode + ": the downloads");
        }
        if (cli != null) {
            assertTrue(cli.waitFor(30, TimeUnit.SECONDS), "fanout exits");
            switch (way) {
                case "SIGINT" -> {
                    assertEquals(130, cli.exitValue(), StopProbe.output(out));
                    String output = StopProbe.output(out);
                    assertTrue(output.endsWith("fanout: cancelled\n") && output.indexOf("fanout:") == output.lastIndexOf("fanout:"),
                            "one line on stderr: " + output);
                }
                default -> assertEquals(137, cli.exitValue());
            }
        }
    }

    /** Deadlines of 1 to 20 ms, in every mode: most pass before or as the call arrives. */
    @Test
    @Order(1)
    void callsWhoseDeadlinePassesOnArrivalEndQuietly() throws InterruptedException {
        for (int mode : MODES.values()) {
            for (int ms = 1; ms <= 20; ms++) {
                StopProbe.startCall(channel, "fanout.v1.Fetcher/Fetch", MethodDescriptor.MethodType.SERVER_STREAMING,
                    StopProbe.fetchRequest(SLOW, mode, CONCURRENCY), Duration.ofMillis(ms));
            }
        }
        Thread.sleep(1000);
        StopProbe.await(() -> stat("inFlight") == 0, StopProbe.BOUND, "nothing runs for calls that ended at once");
    }

    @Test
    @Order(2)
    void noServiceLogsAnErrorForAStoppedCall() {
        for (ServiceProcess service : SERVICES) {
            assertEquals(List.of(), StopProbe.errorLines(service.logText()), service.logText());
        }
    }
}
