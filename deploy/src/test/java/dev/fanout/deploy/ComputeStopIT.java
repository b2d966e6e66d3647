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
 * Stop means stop, for compute-service: a coordinator and two workers (found through one host
 * name, as through a headless Service), each a packaged JVM. A long call in each mode is ended by
 * SIGINT or SIGKILL to the packaged fanout, by its --deadline, or by a gRPC client's cancel; the
 * kernels running on the coordinator and on every worker (fanout_compute_kernels_running on their
 * /q/metrics) must be back at 0 within a second, and stay there. No service may log an ERROR or a
 * stack trace for it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ComputeStopIT {

    private static final String COORDINATOR = "127.0.112.1:8081";
    private static final List<String> WORKERS = List.of("127.0.112.11", "127.0.112.12");
    /** Hours of work in any mode (most of it on the slower path above 2^32): every call here is ended early. */
    private static final long END = 40_000_000_000_000L;
    private static final List<String> ALL = List.of(COORDINATOR, WORKERS.get(0) + ":8081", WORKERS.get(1) + ":8081");
    private static final Map<String, Integer> MODES = Map.of("single", 1, "cores", 2, "pods", 3);

    private static final StopProbe.Times TIMES = new StopProbe.Times("compute");
    private static final List<ServiceProcess> SERVICES = new ArrayList<>();
    private static Path dir;
    private static ManagedChannel channel;

    @BeforeAll
    static void startTheServices() throws IOException {
        dir = Kustomize.DEPLOY.resolve("target/compute-stop-it");
        Files.createDirectories(dir);
        Path hosts = dir.resolve("hosts");
        StringBuilder lines = new StringBuilder("127.0.0.1 localhost\n");
        WORKERS.forEach(worker -> lines.append(worker).append(" compute-workers.stop.test\n"));
        Files.writeString(hosts, lines);
        List<ServiceProcess> workers = new ArrayList<>();
        for (int i = 0; i < WORKERS.size(); i++) {
            // One core each, as worker pods have on a cluster: two workers with two kernel threads each
            // on this machine's two cores would starve the threads that handle cancellation.
            workers.add(ServiceProcess.launch("compute-service", WORKERS.get(i), 8081, Map.of("HOSTNAME", "worker-" + (i + 1)),
                    List.of("-XX:ActiveProcessorCount=1"), dir.resolve("worker-" + (i + 1) + ".log")));
        }
        SERVICES.addAll(workers);
        workers.forEach(ServiceProcess::awaitStarted);
        SERVICES.add(ServiceProcess.start("compute-service", "127.0.112.1", 8081,
                Map.of("HOSTNAME", "coordinator", "FANOUT_COMPUTE_WORKERS", "dns:///compute-workers.stop.test:8081"),
                List.of("-Djdk.net.hosts.file=" + hosts), dir.resolve("coordinator.log")));
        channel = Grpc.newChannelBuilder(COORDINATOR, InsecureChannelCredentials.create()).build();
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
        return Stream.of("single", "cores", "pods").flatMap(mode -> StopProbe.WAYS.stream().map(way -> Arguments.of(mode, way)));
    }

    /** Kernels running now on the coordinator and every worker. */
    private static int kernels() {
        return StopProbe.sumOf(ALL, StopProbe::kernelsRunning);
    }

    @ParameterizedTest(name = "{0} ended by {1}")
    @MethodSource("cases")
    @Order(1)
    void theKernelsStopWithinASecond(String mode, String way) throws Exception {
        StopProbe.await(() -> kernels() == 0, Duration.ofSeconds(30), "no kernel runs before the call");
        Path out = dir.resolve(mode + "-" + way + ".out");
        List<String> args = List.of("compute", "--compute", COORDINATOR, "--mode", mode, "--end", Long.toString(END),
                "--deadline", way.equals("deadline") ? StopProbe.DEADLINE.toMillis() + "ms" : "2m");
        Process cli = null;
        ClientCall<byte[], byte[]> call = null;
        long since = System.nanoTime() + StopProbe.DEADLINE.toNanos();
        if (way.equals("cancel") || way.equals("deadline")) {
            // A client of our own for these two: it knows to the millisecond when its deadline passes.
            call = StopProbe.startCall(channel, "fanout.v1.Compute/SumOfSquares", MethodDescriptor.MethodType.UNARY,
                    StopProbe.sumOfSquaresRequest(END, MODES.get(mode)),
                    way.equals("deadline") ? StopProbe.DEADLINE : Duration.ofMinutes(2));
        } else {
            cli = CliRun.start(args, out);
        }
        StopProbe.await(() -> kernels() > 0, Duration.ofSeconds(60), "the call's work starts");
        // SIGINT a moment into the call, as a person presses Ctrl-C: fanout's JVM, a few seconds old, has
        // finished starting up (on two busy cores that takes it a while).
        since = StopProbe.end(way, cli, call, Duration.ofMillis(way.equals("SIGINT") ? 1500 : 300), since);
        long stopped = StopProbe.await(() -> kernels() == 0, Duration.ofSeconds(30), "every kernel stops");
        long ms = Math.max(0, TimeUnit.NANOSECONDS.toMillis(stopped - since));
        TIMES.record(mode, way, ms);
        assertTrue(ms <= StopProbe.BOUND.toMillis(), mode + " ended by " + way + ": the kernels ran on for " + ms + " ms");
        Thread.sleep(1000);
        assertEquals(0, kernels(), mode + " ended by " + way + ": kernels started after the call ended");
        if (way.equals("deadline")) {
            // The same through fanout's --deadline.
            StopProbe.fanoutsDeadlineStopsTheWork(args, out, () -> kernels() > 0, () -> kernels() == 0, mode + ": the kernels");
        }
        if (cli != null) {
            assertTrue(cli.waitFor(30, TimeUnit.SECONDS), "fanout exits");
            switch (way) {
                case "SIGINT" -> {
                    assertEquals(130, cli.exitValue(), StopProbe.output(out));
                    assertEquals("fanout: cancelled\n", StopProbe.output(out), "one line, and only it");
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
                StopProbe.startCall(channel, "fanout.v1.Compute/SumOfSquares", MethodDescriptor.MethodType.UNARY,
                    StopProbe.sumOfSquaresRequest(END, mode), Duration.ofMillis(ms));
            }
        }
        Thread.sleep(1000);
        StopProbe.await(() -> kernels() == 0, StopProbe.BOUND, "nothing runs for calls that ended at once");
    }

    @Test
    @Order(2)
    void noServiceLogsAnErrorForAStoppedCall() {
        for (ServiceProcess service : SERVICES) {
            assertEquals(List.of(), StopProbe.errorLines(service.logText()), service.logText());
        }
    }
}
