package dev.fanout.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fanout.proto.testing.ReflectionProbe;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * bin/fanout-local-topology as a user runs it (--hold): a coordinator, three workers and a fetcher,
 * each its own JVM on its own 127.0.10.x address, the workers found through one host name. Calls go
 * through a client that knows only server reflection, as grpcurl does.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TopologyIT {

    private static final String COORDINATOR = "127.0.10.1";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path runDir;
    private static Process topology;
    private static ManagedChannel channel;

    @BeforeAll
    static void startTheTopology() throws IOException, InterruptedException {
        runDir = Kustomize.DEPLOY.resolve("target/topology-it");
        Files.createDirectories(runDir);
        Path output = runDir.resolve("topology.out");
        ProcessBuilder builder = new ProcessBuilder(Kustomize.DEPLOY.resolveSibling("bin").resolve("fanout-local-topology").toString(), "--hold")
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("FANOUT_TOPOLOGY_DIR", runDir.toString());
        builder.environment().put("FANOUT_APPS", ServiceProcess.APPS.toString());
        topology = builder.start();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (!Files.readString(output).contains("Holding")) {
            if (!topology.isAlive() || Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the topology did not come up:\n" + Files.readString(output));
            }
            Thread.sleep(200);
        }
        channel = Grpc.newChannelBuilderForAddress(COORDINATOR, 8081, InsecureChannelCredentials.create()).build();
    }

    @AfterAll
    static void stopTheTopology() throws InterruptedException, IOException {
        if (channel != null) {
            channel.shutdownNow();
        }
        if (topology != null) {
            topology.destroy(); // SIGTERM: the script's trap stops every JVM it started
            assertTrue(topology.waitFor(60, TimeUnit.SECONDS), "the script stops within a minute");
            for (String name : new String[] {"coordinator", "worker-1", "worker-2", "worker-3", "fetcher"}) {
                long pid = Long.parseLong(Files.readString(runDir.resolve(name + ".pid")).strip());
                assertTrue(ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true), name + " was stopped");
            }
        }
    }

    /** Σ i² for i in [0, n): n(n-1)(2n-1)/6. */
    private static BigInteger exactSum(long n) {
        BigInteger big = BigInteger.valueOf(n);
        return big.multiply(big.subtract(BigInteger.ONE)).multiply(big.shiftLeft(1).subtract(BigInteger.ONE)).divide(BigInteger.valueOf(6));
    }

    private static JsonNode sumOfSquaresInPods(long end, int parts) throws IOException {
        String request = "{\"start\": 0, \"end\": " + end + ", \"mode\": \"COMPUTE_MODE_PODS\", \"parts\": " + parts + "}";
        return JSON.readTree(new ReflectionProbe(channel).call("fanout.v1.Compute/SumOfSquares", request).getFirst());
    }

    @Test
    @Order(1)
    void podsModeSplitsTheRangeOverTheWorkersFoundThroughOneHostName() throws IOException {
        JsonNode response = sumOfSquaresInPods(100_000_000L, 12);
        assertEquals("333333328333333350000000", response.get("sum").asText());
        // Each part names its worker: its address and its HOSTNAME (the pod name in a cluster).
        Set<String> workers = new TreeSet<>();
        response.get("parts").forEach(part -> workers.add(part.get("worker").asText()));
        assertEquals(List.of("127.0.10.11:8081 (worker-1)", "127.0.10.12:8081 (worker-2)", "127.0.10.13:8081 (worker-3)"),
                List.copyOf(workers), "round_robin over every address of the name");
    }

    @Test
    @Order(2)
    void fanoutBenchTimesPodsModeAgainstTheTopology() throws IOException, InterruptedException {
        Path out = runDir.resolve("bench.json");
        ProcessBuilder bench = new ProcessBuilder(Kustomize.DEPLOY.resolveSibling("bin").resolve("fanout").toString(),
                "bench", "--only", "compute", "--modes", "pods", "--warmup", "0", "--repeat", "1", "--json")
                .redirectOutput(out.toFile()).redirectError(runDir.resolve("bench.err").toFile());
        bench.environment().put("FANOUT_COMPUTE", COORDINATOR + ":8081");
        Process process = bench.start();
        assertTrue(process.waitFor(3, TimeUnit.MINUTES), "bench finishes");
        assertEquals(0, process.exitValue(), Files.readString(runDir.resolve("bench.err")));
        JsonNode pods = null;
        for (JsonNode mode : JSON.readTree(out.toFile()).get("compute").get("modes")) {
            if (mode.get("mode").asText().equals("pods")) {
                pods = mode;
            }
        }
        assertTrue(pods != null && !pods.get("skipped").asBoolean() && pods.get("median_ms").asDouble() > 0, Files.readString(out));
        assertEquals(3, pods.get("parallelism").asInt(), "three workers");
    }

    @Test
    @Order(3)
    void killingAWorkerMidCallStillGivesTheExactSum() throws Exception {
        // A range long enough that the call is still running when the worker dies: about a second.
        long end = 1_000_000_000L;
        Duration took = Duration.ZERO;
        while (took.toMillis() < 1_000 && end < Long.MAX_VALUE / 64) {
            end *= 2;
            Instant start = Instant.now();
            assertEquals(exactSum(end).toString(), sumOfSquaresInPods(end, 24).get("sum").asText());
            took = Duration.between(start, Instant.now());
        }
        long range = end;
        CompletableFuture<JsonNode> call = CompletableFuture.supplyAsync(() -> {
            try {
                return sumOfSquaresInPods(range, 24);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(took.toMillis() / 4);
        long worker2 = Long.parseLong(Files.readString(runDir.resolve("worker-2.pid")).strip());
        ProcessHandle.of(worker2).orElseThrow().destroyForcibly();
        JsonNode response = call.get(2, TimeUnit.MINUTES);
        assertEquals(exactSum(range).toString(), response.get("sum").asText(), response.toString());
        boolean retried = false;
        for (JsonNode part : response.get("parts")) {
            retried |= part.path("attempts").asInt() > 1;
        }
        assertTrue(retried, "worker-2 died with parts in flight, which another worker redid: " + response);
        // And the next call, with one worker gone, too.
        assertEquals(exactSum(range).toString(), sumOfSquaresInPods(range, 24).get("sum").asText());
    }
}
