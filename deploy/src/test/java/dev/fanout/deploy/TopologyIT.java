package dev.fanout.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fanout.runtime.testing.ReflectionProbe;
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
 * bin/fanout-local-topology as a user runs it (--hold): a coordinator on 127.0.0.1, three workers on
 * 127.0.10.11-13 and a fetcher, each its own JVM, the workers found through one host name. Calls go
 * through a client that knows only server reflection, as grpcurl does.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TopologyIT {

    /** Where bin/fanout and the README's examples look by default. */
    private static final String COORDINATOR = "127.0.0.1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path runDir;
    private static LocalTopology topology;
    private static ManagedChannel channel;

    @BeforeAll
    static void startTheTopology() throws IOException, InterruptedException {
        runDir = Kustomize.DEPLOY.resolve("target/topology-it");
        topology = LocalTopology.hold(runDir);
        channel = Grpc.newChannelBuilderForAddress(COORDINATOR, 8081, InsecureChannelCredentials.create()).build();
    }

    @AfterAll
    static void stopTheTopology() throws InterruptedException, IOException {
        if (channel != null) {
            channel.shutdownNow();
        }
        if (topology != null) {
            topology.close(); // fails if the script or a JVM it started outlives SIGTERM
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
        long worker2 = topology.pid("worker-2");
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
