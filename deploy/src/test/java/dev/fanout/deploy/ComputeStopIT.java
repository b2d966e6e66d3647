package dev.fanout.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.grpc.MethodDescriptor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Stop means stop, for compute-service: a coordinator and two workers (found through one host
 * name, as through a headless Service), each a packaged JVM. A long call in each mode is ended by
 * SIGINT or SIGKILL to the packaged fanout, by its --deadline, or by a gRPC client's cancel; the
 * kernels running on the coordinator and on every worker (fanout_compute_kernels_running on their
 * /q/metrics) must be back at 0 within a second, and stay there. No service may log an ERROR or a
 * stack trace for it.
 */
class ComputeStopIT extends StopITBase {

    private static final String COORDINATOR = "127.0.112.1:8081";
    private static final List<String> WORKERS = List.of("127.0.112.11", "127.0.112.12");
    /** Hours of work in any mode (most of it on the slower path above 2^32): every call here is ended early. */
    private static final long END = 40_000_000_000_000L;
    private static final List<String> ALL = List.of(COORDINATOR, WORKERS.get(0) + ":8081", WORKERS.get(1) + ":8081");
    private static final Map<String, Integer> MODES = new LinkedHashMap<>();

    static {
        MODES.put("single", 1);
        MODES.put("cores", 2);
        MODES.put("pods", 3);
    }

    ComputeStopIT() {
        super("compute", COORDINATOR, "fanout.v1.Compute/SumOfSquares", MethodDescriptor.MethodType.UNARY,
                "compute-workers.stop.test", WORKERS, MODES);
    }

    @Override
    protected void launch(Path hosts, List<ServiceProcess> started) {
        List<ServiceProcess> workers = new ArrayList<>();
        for (int i = 0; i < WORKERS.size(); i++) {
            // One core each, as worker pods have on a cluster: two workers with two kernel threads each
            // on this machine's two cores would starve the threads that handle cancellation.
            workers.add(ServiceProcess.launch("compute-service", WORKERS.get(i), 8081, Map.of("HOSTNAME", "worker-" + (i + 1)),
                    List.of("-XX:ActiveProcessorCount=1"), dir.resolve("worker-" + (i + 1) + ".log")));
        }
        started.addAll(workers);
        workers.forEach(ServiceProcess::awaitStarted); // the coordinator resolves them as it starts
        started.add(ServiceProcess.launch("compute-service", "127.0.112.1", 8081,
                Map.of("HOSTNAME", "coordinator", "FANOUT_COMPUTE_WORKERS", "dns:///compute-workers.stop.test:8081"),
                List.of("-Djdk.net.hosts.file=" + hosts), dir.resolve("coordinator.log")));
    }

    @Override
    protected byte[] request(int mode) {
        return StopProbe.sumOfSquaresRequest(END, mode);
    }

    @Override
    protected boolean idle() {
        return kernels() == 0;
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
        Call call = start(mode, way, args, out);
        StopProbe.await(() -> kernels() > 0, Duration.ofSeconds(60), "the call's work starts");
        // SIGINT a moment into the call, as a person presses Ctrl-C: fanout's JVM, a few seconds old, has
        // finished starting up (on two busy cores that takes it a while).
        long since = end(call, Duration.ofMillis(way.equals("SIGINT") ? 1500 : 300));
        recordStop(mode, way, since, StopProbe.await(() -> kernels() == 0, Duration.ofSeconds(30), "every kernel stops"), "the kernels");
        Thread.sleep(1000);
        assertEquals(0, kernels(), mode + " ended by " + way + ": kernels started after the call ended");
        if (way.equals("deadline")) {
            // The same through fanout's --deadline.
            StopProbe.fanoutsDeadlineStopsTheWork(args, out, () -> kernels() > 0, () -> kernels() == 0, mode + ": the kernels");
        }
        assertFanoutEnded(call, out);
    }
}
