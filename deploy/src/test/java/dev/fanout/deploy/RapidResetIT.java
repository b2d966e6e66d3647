package dev.fanout.deploy;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.runtime.testing.ReflectionProbe;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Both sides of the HTTP/2 rapid-reset guard (quarkus.http.limits.rst-flood-*) on the packaged
 * services: a legitimate client that cancels half of its calls at 100 calls/s on one connection for
 * longer than the window keeps its connection and every call, while a raw client flooding HEADERS +
 * RST_STREAM pairs on one connection is sent GOAWAY ENHANCE_YOUR_CALM after the configured number,
 * and other clients are served throughout. Figures in target/rapid-reset-it/figures.txt.
 */
class RapidResetIT {

    private static final Path DIR = Kustomize.DEPLOY.resolve("target/rapid-reset-it");
    private static final String COMPUTE_HOST = "127.0.118.1";
    private static final String FETCHER_HOST = "127.0.118.2";
    /** The guard's settings, identical in both services (RstFloodGuardTest). */
    private static final int MAX_RST = Integer.parseInt(ServiceConfig.of("compute-service").properties()
            .getProperty("quarkus.http.limits.rst-flood-max-rst-frame-per-window"));
    private static final Duration WINDOW = Duration.parse("PT" + ServiceConfig.of("compute-service").properties()
            .getProperty("quarkus.http.limits.rst-flood-window-duration").toUpperCase());
    /** Quarkus's default, the naive setting the legitimate client must cross. */
    private static final int DEFAULT_MAX_RST = 200;
    private static final int CALLS_PER_SECOND = 100;
    /** Thousands per second, yet slow enough that the server reads each pair as it comes: what was sent is what it read. */
    private static final int FLOOD_PAIRS_PER_SECOND = 5000;

    private static ServiceProcess compute;
    private static ServiceProcess fetcher;
    private static FanoutApi api;
    private static final List<String> figures = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void start() throws IOException {
        Files.createDirectories(DIR);
        compute = ServiceProcess.launch("compute-service", COMPUTE_HOST, 8081, Map.of(), List.of(), DIR.resolve("compute.log"));
        fetcher = ServiceProcess.launch("fetcher-service", FETCHER_HOST, 8082, Map.of("FANOUT_FETCHER_ORIGIN_ENABLED", "true",
                "FANOUT_FETCHER_ALLOWED_NETWORKS", "127.0.0.0/8"), List.of(), DIR.resolve("fetcher.log"));
        compute.awaitStarted();
        fetcher.awaitStarted();
        try (ManyUsersLoad.Channels probes = ManyUsersLoad.Channels.open(address("compute"), address("fetcher"))) {
            api = new FanoutApi(new ReflectionProbe(probes.compute()), new ReflectionProbe(probes.fetcher()));
        }
    }

    @AfterAll
    static void stop() throws IOException {
        for (ServiceProcess service : new ServiceProcess[] {compute, fetcher}) {
            if (service != null) {
                service.close();
            }
        }
        String text = String.join("\n", figures) + "\n";
        System.out.print(text);
        Files.writeString(DIR.resolve("figures.txt"), text);
    }

    private static String address(String service) {
        return service.equals("compute") ? COMPUTE_HOST + ":8081" : FETCHER_HOST + ":8082";
    }

    /** A quick call the client wants answered (i), or a long one it cancels (i as a seed of its size). */
    private static FanoutApi.Job job(String service, boolean cancelled, int i) {
        if (service.equals("compute")) {
            long start = 1_000_000L * i;
            return api.sumOfSquares(cancelled ? "CORES" : "SINGLE", start, start + (cancelled ? 500_000_000L : 100_000L));
        }
        long bytes = 1000 + i;
        return api.fetch("REACTIVE", List.of("http://" + address("fetcher") + "/origin/delay/" + (cancelled ? 2000 : 5) + "/bytes/" + bytes),
                List.of(bytes), 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"compute", "fetcher"})
    void aClientCancellingHalfItsCallsAt100PerSecondKeepsItsConnection(String service) throws Exception {
        Duration load = WINDOW.plusSeconds(2);
        int calls = (int) (load.toSeconds() * CALLS_PER_SECOND);
        List<String> stateChanges = Collections.synchronizedList(new ArrayList<>());
        ScheduledExecutorService cancels = Executors.newSingleThreadScheduledExecutor();
        try (ManyUsersLoad.Channels channels = ManyUsersLoad.Channels.open(address("compute"), address("fetcher"))) {
            ManagedChannel channel = service.equals("compute") ? channels.compute() : channels.fetcher();
            assertNull(outcomeWrong(job(service, false, 0), FanoutApi.start(channel, job(service, false, 0), Duration.ofSeconds(30))));
            watch(channel, ConnectivityState.READY, stateChanges);

            List<FanoutApi.Job> jobs = new ArrayList<>();
            List<FanoutApi.Call> started = new ArrayList<>();
            long next = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                LockSupport.parkNanos(next - System.nanoTime());
                next += TimeUnit.SECONDS.toNanos(1) / CALLS_PER_SECOND;
                boolean cancelled = i % 2 == 1;
                FanoutApi.Job job = job(service, cancelled, i);
                FanoutApi.Call call = FanoutApi.start(channel, job, Duration.ofSeconds(60));
                if (cancelled) {
                    cancels.schedule(call::cancel, 3, TimeUnit.MILLISECONDS);
                }
                jobs.add(job);
                started.add(call);
            }
            int resets = 0;
            List<String> failures = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                FanoutApi.Outcome outcome = started.get(i).outcome().get(2, TimeUnit.MINUTES);
                if (i % 2 == 1 && outcome.status().getCode() == Status.Code.CANCELLED) {
                    resets++; // cancelled while open: one RST_STREAM on the connection
                } else {
                    String wrong = wrong(jobs.get(i), outcome);
                    if (wrong != null) {
                        failures.add(i + ": " + wrong);
                    }
                }
            }
            int sent = resets;
            figures.add(String.format("%s: %d calls in %s on one connection, %d cancelled in flight (RST_STREAM), %d failed, connection state changes %s",
                    service, calls, load, resets, failures.size(), stateChanges));
            assertAll(
                    () -> assertEquals(List.of(), failures, "calls that failed or came back wrong"),
                    () -> assertEquals(List.of(), stateChanges, "the connection left READY (GOAWAY)"),
                    () -> assertTrue(sent > 2 * DEFAULT_MAX_RST, sent + " RST_STREAMs: not past Quarkus's default " + DEFAULT_MAX_RST));
        } finally {
            cancels.shutdownNow();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"compute", "fetcher"})
    void aFloodOfHeadersAndResetsIsCutOffAndOthersAreServed(String service) throws Exception {
        String[] hostPort = address(service).split(":");
        String path = service.equals("compute") ? "/fanout.v1.Compute/SumOfSquares" : "/fanout.v1.Fetcher/Fetch";
        try (ManyUsersLoad.Channels channels = ManyUsersLoad.Channels.open(address("compute"), address("fetcher"));
                RapidResetFlood flood = new RapidResetFlood(hostPort[0], Integer.parseInt(hostPort[1]))) {
            ManagedChannel other = service.equals("compute") ? channels.compute() : channels.fetcher();
            IntFunction<FanoutApi.Job> healthy = i -> job(service, false, i);
            assertNull(outcomeWrong(healthy.apply(1), FanoutApi.start(other, healthy.apply(1), Duration.ofSeconds(30))));
            // Another client's call in flight while the flood runs: a slow download, or a larger sum.
            FanoutApi.Job slow = service.equals("compute") ? api.sumOfSquares("CORES", 0, 300_000_000L)
                    : api.fetch("REACTIVE", List.of("http://" + address("fetcher") + "/origin/delay/1500/bytes/4321"), List.of(4321L), 1);
            FanoutApi.Call inFlight = FanoutApi.start(other, slow, Duration.ofSeconds(60));

            RapidResetFlood.Result result = flood.flood(path, FLOOD_PAIRS_PER_SECOND, 3 * MAX_RST);
            figures.add(String.format("%s: flood of HEADERS+RST_STREAM pairs at %.0f/s on one connection: %d pairs sent when GOAWAY"
                    + " error %d \"%s\" arrived; the server closed the connection: %s", service, result.pairsPerSecond(), result.pairsSent(),
                    result.goAwayError(), result.debug(), result.closedByServer()));
            String otherWrong = outcomeWrong(slow, inFlight);
            String afterWrong = outcomeWrong(healthy.apply(2), FanoutApi.start(other, healthy.apply(2), Duration.ofSeconds(30)));
            assertAll(
                    () -> assertTrue(result.enhanceYourCalm(), "GOAWAY ENHANCE_YOUR_CALM, got error " + result.goAwayError() + " \"" + result.debug() + "\" after " + result.pairsSent() + " pairs"),
                    () -> assertTrue(result.closedByServer(), "the server closed the flooding connection"),
                    () -> assertTrue(result.pairsPerSecond() > 2000, "a flood of thousands per second: " + result.pairsPerSecond()),
                    // Not before the configured number (a legitimate client below it is safe); within 3x of it, or the
                    // flood ends without GOAWAY. How far past it depends on how far the server's reading lags the flood.
                    () -> assertTrue(result.pairsSent() > MAX_RST, "cut off only after the configured " + MAX_RST + " resets: "
                            + result.pairsSent()),
                    () -> assertNull(otherWrong, "another client's call in flight during the flood"),
                    () -> assertNull(afterWrong, "another client's call after the flood"),
                    () -> assertTrue(StopProbe.get(address(service), "/q/health/ready").contains("\"UP\""), "ready after the flood"));
        }
    }

    /** Follows the channel's state from {@code state}: every change is recorded. */
    private static void watch(ManagedChannel channel, ConnectivityState state, List<String> changes) {
        channel.notifyWhenStateChanged(state, () -> {
            ConnectivityState now = channel.getState(false);
            changes.add(state + " -> " + now);
            watch(channel, now, changes);
        });
    }

    private static String outcomeWrong(FanoutApi.Job job, FanoutApi.Call call) throws Exception {
        return wrong(job, call.outcome().get(2, TimeUnit.MINUTES));
    }

    private static String wrong(FanoutApi.Job job, FanoutApi.Outcome outcome) {
        if (!outcome.status().isOk()) {
            return job.label() + ": " + outcome.status().getCode() + " " + outcome.status().getDescription();
        }
        String wrong = job.check().wrong(outcome.messages());
        return wrong == null ? null : job.label() + ": " + wrong;
    }
}
