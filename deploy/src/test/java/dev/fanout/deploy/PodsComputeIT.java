package dev.fanout.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * COMPUTE_MODE_PODS on the packaged apps: a coordinator and three workers (one core each, as worker
 * pods) behind one name in a hosts file, a fourth started aside. A worker hung by SIGSTOP, one slowed
 * by SIGSTOP/SIGCONT at a 50% duty cycle, a worker added to the name and one removed while calls run.
 * Figures in target/pods-compute-it/figures.txt.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PodsComputeIT {

    private static final List<String> WORKERS = List.of("127.0.115.11", "127.0.115.12", "127.0.115.13");
    private static final String FOURTH = "127.0.115.14";
    /**
     * [START, END) in PARTS parts: a few seconds on three one-core workers sharing this machine's two
     * cores, every part the same work (all of it on the wide path, above 2^32).
     */
    private static final long START = 5_000_000_000L;
    private static final long END = 7_000_000_000L;
    private static final int PARTS = 48;
    private static final Pattern WORKER = Pattern.compile("\"worker\":\"(\\d+\\.\\d+\\.\\d+\\.\\d+):");
    private static final Pattern SUM = Pattern.compile("\"sum\":\"(\\d+)\"");

    private static PodsTopology topology;

    @BeforeAll
    static void start() throws IOException {
        topology = new PodsTopology("compute-service", "compute-workers.pods.test", 8081, Kustomize.DEPLOY.resolve("target/pods-compute-it"));
        Map<String, Map<String, String>> listed = new LinkedHashMap<>();
        for (int i = 0; i < WORKERS.size(); i++) {
            listed.put(WORKERS.get(i), Map.of("HOSTNAME", "worker-" + (i + 1)));
        }
        List<String> oneCore = List.of("-XX:ActiveProcessorCount=1");
        topology.startWorkers(listed, oneCore, true);
        topology.startWorkers(Map.of(FOURTH, Map.of("HOSTNAME", "worker-4")), oneCore, false);
        topology.startCoordinator("127.0.115.1", Map.of("HOSTNAME", "coordinator", "FANOUT_COMPUTE_WORKERS", topology.target()));
    }

    @AfterAll
    static void stop() throws IOException, InterruptedException {
        if (topology != null) {
            topology.close();
        }
    }

    /** One PODS call over [START, end): its exact sum checked, the parts each worker did returned. */
    private static Map<String, Integer> pods(long end) throws Exception {
        String response = topology.probe().call("fanout.v1.Compute/SumOfSquares", "{\"start\": " + START + ", \"end\": " + end
                + ", \"mode\": \"COMPUTE_MODE_PODS\", \"parts\": " + PARTS + "}").getFirst();
        Matcher sum = SUM.matcher(response);
        assertTrue(sum.find(), response);
        assertEquals(sumOfSquaresBelow(end).subtract(sumOfSquaresBelow(START)).toString(), sum.group(1), "the sum is exact");
        Map<String, Integer> perWorker = new LinkedHashMap<>();
        for (Matcher m = WORKER.matcher(response); m.find(); ) {
            perWorker.merge(m.group(1), 1, Integer::sum);
        }
        assertEquals(PARTS, perWorker.values().stream().mapToInt(Integer::intValue).sum(), response);
        return perWorker;
    }

    /** 0² + 1² + ... + (n-1)² = (n-1) n (2n-1) / 6. */
    private static BigInteger sumOfSquaresBelow(long n) {
        BigInteger big = BigInteger.valueOf(n);
        return big.subtract(BigInteger.ONE).multiply(big).multiply(big.shiftLeft(1).subtract(BigInteger.ONE)).divide(BigInteger.valueOf(6));
    }

    private static long timed(ThrowingRunnable call) throws Exception {
        long started = System.nanoTime();
        call.run();
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    private static double share(Map<String, Integer> perWorker, String worker) {
        return perWorker.getOrDefault(worker, 0) / (double) PARTS;
    }

    /**
     * The healthy time, as the mean of a call just before and one just after a disturbed one: the
     * machine is shared, and its load drifts. {@code healthy} receives the first call's parts per worker.
     */
    private static long healthyAround(ThrowingRunnable disturbed, Map<String, Integer>[] healthy) throws Exception {
        long before = timed(() -> healthy[0] = pods(END));
        disturbed.run();
        Thread.sleep(10_500); // the disturbed worker's bench passes
        long after = timed(() -> pods(END));
        return (before + after) / 2;
    }

    @Test
    @Order(1)
    void aWorkerHungBySigstopMidCallCostsAtMostTwiceTheHealthyTime() throws Exception {
        pods(END); // warm-up: JIT on every JVM
        String hung = WORKERS.get(1);
        Map<String, Integer>[] healthy = new Map[1];
        long[] millis = new long[1];
        long healthyMillis = healthyAround(() -> {
            CompletableFuture<Long> call = CompletableFuture.supplyAsync(() -> {
                try {
                    return timed(() -> pods(END));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(2000);
            topology.stop(hung);
            try {
                millis[0] = call.get(120, TimeUnit.SECONDS);
            } finally {
                topology.resume(hung);
            }
        }, healthy);
        topology.figure("(b) healthy PODS call [" + START + ", " + END + ") in " + PARTS + " parts on 3 workers: " + healthyMillis
                + " ms (mean of the calls before and after); parts per worker " + healthy[0]);
        topology.figure("(b) worker " + hung + " SIGSTOPped 2 s into the call: exact sum in " + millis[0] + " ms = "
                + String.format("%.2f", millis[0] / (double) healthyMillis) + "x healthy (bound 2x)");
        assertTrue(millis[0] <= 2 * healthyMillis, "with a hung worker " + millis[0] + " ms, healthy " + healthyMillis + " ms");
    }

    @Test
    @Order(2)
    void aWorkerSlowedToHalfGetsFewerPartsAndTheCallStaysNearTheIdeal() throws Exception {
        String slow = WORKERS.get(1);
        Map<String, Integer>[] healthy = new Map[1];
        Map<String, Integer>[] result = new Map[1];
        long[] millis = new long[1];
        long healthyMillis = healthyAround(() -> {
            ScheduledExecutorService toggler = Executors.newSingleThreadScheduledExecutor();
            AtomicBoolean stopped = new AtomicBoolean();
            toggler.scheduleAtFixedRate(() -> {
                if (stopped.get()) {
                    topology.resume(slow);
                } else {
                    topology.stop(slow);
                }
                stopped.set(!stopped.get());
            }, 0, 500, TimeUnit.MILLISECONDS);
            try {
                millis[0] = timed(() -> result[0] = pods(END));
            } finally {
                toggler.shutdownNow();
                toggler.awaitTermination(5, TimeUnit.SECONDS);
                topology.resume(slow);
            }
        }, healthy);
        // Three workers, one at half speed: 2.5 workers' worth of capacity.
        long ideal = healthyMillis * 3 * 2 / 5;
        double healthyShare = share(healthy[0], slow);
        double slowShare = share(result[0], slow);
        topology.figure("(c) worker " + slow + " at a 50% SIGSTOP/SIGCONT duty cycle (500 ms each): " + millis[0] + " ms = "
                + String.format("%.2f", millis[0] / (double) ideal) + "x the ideal " + ideal + " ms for 2.5 workers (healthy "
                + healthyMillis + " ms; bound 1.3x); its share of parts " + String.format("%.2f", slowShare) + " (healthy "
                + String.format("%.2f", healthyShare) + "); parts per worker " + result[0]);
        assertTrue(slowShare < healthyShare, "the slowed worker's share drops: " + slowShare + " vs " + healthyShare);
        assertTrue(millis[0] <= 1.3 * ideal, "slowed call " + millis[0] + " ms, ideal " + ideal + " ms");
    }

    @Test
    @Order(3)
    void aWorkerAddedToTheNameGetsPartsWithin30sAndARemovedOneFailsNoCall() throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        Map<String, Integer> done = new ConcurrentHashMap<>(); // parts per worker, from the calls' answers
        Thread caller = Thread.ofPlatform().start(() -> {
            while (running.get()) {
                try {
                    pods(START + (END - START) / 4).forEach((worker, parts) -> done.merge(worker, parts, Integer::sum));
                    calls.incrementAndGet();
                } catch (Throwable failure) {
                    failures.add(failure);
                }
            }
        });
        try {
            Thread.sleep(1000);
            topology.list(FOURTH);
            long listed = System.nanoTime();
            StopProbe.await(() -> done.getOrDefault(FOURTH, 0) > 0, Duration.ofSeconds(30), "the 4th worker gets parts");
            long toFirstPart = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - listed);
            topology.figure("(a) 4th worker " + FOURTH + " added to the name while calls run: its first part done " + toFirstPart
                    + " ms later (bound 30 s; JVM DNS TTL 5 s + refresh-interval 5 s)");

            String removed = WORKERS.get(2);
            topology.unlist(removed);
            long unlisted = System.nanoTime();
            // Dropped once the name no longer has it: no new parts, those in flight finish.
            long before = done.getOrDefault(removed, 0);
            StopProbe.await(() -> {
                long now = done.getOrDefault(removed, 0);
                sleepQuietly(3000);
                return done.getOrDefault(removed, 0) == now;
            }, Duration.ofSeconds(40), "the removed worker gets no more parts");
            long droppedAfter = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - unlisted) - 3000;
            long failedBefore = topology.attempts("failed");
            topology.terminate(removed); // the pod goes away after it left the Service
            int callsBefore = calls.get();
            StopProbe.await(() -> calls.get() >= callsBefore + 2, Duration.ofSeconds(60), "calls go on after the removal");
            assertEquals(failedBefore, topology.attempts("failed"), "no part was on the removed worker when it stopped");
            topology.figure("(a) worker " + removed + " removed from the name: no new part within about " + droppedAfter
                    + " ms (" + (done.getOrDefault(removed, 0) - before) + " parts finished on it meanwhile), then"
                    + " terminated; " + calls.get() + " calls in all, " + failures.size() + " failed");
        } finally {
            running.set(false);
            caller.join(120_000);
        }
        assertEquals(List.of(), failures, "no call failed");
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
