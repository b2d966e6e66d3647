package dev.fanout.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.deploy.OtlpReceiver.Span;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tracing on the packaged apps: a PODS coordinator and two workers of each service, their spans sent
 * with the standard OTLP settings to a receiver on loopback; `fanout --trace` starts each call's
 * trace. A call is one trace: the coordinator's server span is the child of the client's traceparent,
 * a span per attempt is its child, and each worker's server span is the child of the attempt that
 * called it. The traces are drawn in target/tracing-it/.
 */
class TracingIT {

    private static final Pattern PRINTED = Pattern.compile("(?m)^trace id ([0-9a-f]{32})$");
    private static final Pattern IN_JSON = Pattern.compile("\"trace_id\":\"([0-9a-f]{32})\"");
    private static final Duration EXPORTED_WITHIN = Duration.ofSeconds(20);
    private static final Path DIR = Kustomize.DEPLOY.resolve("target/tracing-it");
    private static final int PARTS = 6;

    private static OtlpReceiver receiver;
    private static PodsTopology compute;
    private static PodsTopology fetcher;
    private static ServiceProcess notTracing;

    @BeforeAll
    static void start() throws IOException {
        receiver = new OtlpReceiver();
        compute = new PodsTopology("compute-service", "compute-workers.tracing.test", 8081, DIR.resolve("compute"));
        compute.startWorkers(Map.of("127.0.117.11", traced("worker-1", Map.of()), "127.0.117.12", traced("worker-2", Map.of())),
                List.of(), true);
        // Quarkus's OpenTelemetry logs at DEBUG as a call's context is set: a log line inside a call.
        compute.startCoordinator("127.0.117.1", traced("coordinator", Map.of("FANOUT_COMPUTE_WORKERS", compute.target(),
                "QUARKUS_LOG_CATEGORY__IO_QUARKUS_OPENTELEMETRY__LEVEL", "DEBUG")));
        // Tracing is off unless OTEL_SDK_DISABLED=false, even with a collector's endpoint set.
        Map<String, String> untraced = new LinkedHashMap<>(traced("untraced", Map.of()));
        untraced.remove("OTEL_SDK_DISABLED");
        notTracing = ServiceProcess.start("compute-service", "127.0.117.2", 8081, untraced, List.of(), DIR.resolve("untraced.log"));
        Map<String, String> loopbackOrigin = Map.of("FANOUT_FETCHER_ALLOWED_NETWORKS", "127.0.0.0/8");
        fetcher = new PodsTopology("fetcher-service", "fetcher-peers.tracing.test", 8082, DIR.resolve("fetch"));
        fetcher.startWorkers(Map.of("127.0.118.11", traced("peer-1", loopbackOrigin), "127.0.118.12", traced("peer-2", loopbackOrigin)),
                List.of(), true);
        fetcher.startCoordinator("127.0.118.1", traced("coordinator", Map.of("FANOUT_FETCHER_ALLOWED_NETWORKS", "127.0.0.0/8",
                "FANOUT_FETCHER_ORIGIN_ENABLED", "true", "FANOUT_FETCHER_PEERS", fetcher.target())));
    }

    /** A process's environment with tracing on, as components/tracing sets it, and a name for its spans. */
    private static Map<String, String> traced(String name, Map<String, String> more) {
        Map<String, String> environment = new LinkedHashMap<>(more);
        environment.put("HOSTNAME", name);
        environment.put("OTEL_SDK_DISABLED", "false");
        environment.put("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint());
        environment.put("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
        environment.put("OTEL_RESOURCE_ATTRIBUTES", "service.instance.id=" + name);
        // Spans leave in batches every 5 s by default: sooner here, so the test waits less.
        environment.put("QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "200ms");
        return environment;
    }

    @AfterAll
    static void stop() throws IOException, InterruptedException {
        if (notTracing != null) {
            notTracing.close();
        }
        for (PodsTopology topology : new PodsTopology[] {compute, fetcher}) {
            if (topology != null) {
                topology.close();
            }
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    /** One call by the packaged fanout with --trace: its trace id (printed, and in the JSON) and its spans. */
    private record Call(String traceId, List<Span> spans, long startedNanos, long endedNanos) {

        Span server(String method) {
            return spans.stream().filter(span -> span.name().equals(method) && span.process().endsWith("/coordinator"))
                    .findFirst().orElseThrow(() -> new AssertionError("no server span " + method + " of the coordinator in " + spans));
        }

        List<Span> named(String name) {
            return spans.stream().filter(span -> span.name().equals(name)).toList();
        }
    }

    private static Call call(List<String> arguments, Predicate<List<Span>> complete) throws Exception {
        List<String> traced = new ArrayList<>(arguments);
        traced.addAll(List.of("--json", "--trace"));
        long started = System.currentTimeMillis() * 1_000_000;
        CliRun run = CliRun.of(traced);
        long ended = System.currentTimeMillis() * 1_000_000;
        assertEquals(0, run.exitCode(), run.output());
        Matcher printed = PRINTED.matcher(run.output());
        assertTrue(printed.find(), "fanout prints the trace id: " + run.output());
        Matcher inJson = IN_JSON.matcher(run.output());
        assertTrue(inJson.find(), "the JSON has it: " + run.output());
        assertEquals(printed.group(1), inJson.group(1));
        return new Call(printed.group(1), receiver.trace(printed.group(1), complete, EXPORTED_WITHIN), started, ended);
    }

    /**
     * The trace is one tree under the client's span: one parent id is outside the trace (the span id of
     * fanout's traceparent), and it is the coordinator's server span's; every other span's parent is in the trace.
     */
    private static void assertOneTreeUnderTheClient(Call call, String method) {
        Span server = call.server(method);
        Set<String> ids = call.spans().stream().map(Span::spanId).collect(Collectors.toSet());
        List<Span> roots = call.spans().stream().filter(span -> !ids.contains(span.parentId())).toList();
        assertEquals(List.of(server), roots, "the only span whose parent is fanout's is the coordinator's server span");
        assertFalse(server.parentId().isEmpty() || server.parentId().matches("0+"), "its parent came with the call: " + server);
    }

    /** Each attempt is the server span's child, each worker's server span an attempt's child; {@code workers} processes served. */
    private static void assertAttemptsAndWorkers(Call call, String method, String attemptName, int minAttempts) {
        Span server = call.server(method);
        List<Span> attempts = call.named(attemptName);
        assertTrue(attempts.size() >= minAttempts, "a span per attempt: " + attempts.size() + " of " + call.spans());
        for (Span attempt : attempts) {
            assertEquals(server.spanId(), attempt.parentId(), "attempt under the call: " + attempt);
            for (String key : List.of("fanout.pool", "fanout.worker", "fanout.part", "fanout.attempt", "fanout.speculative", "fanout.retry")) {
                assertTrue(attempt.attributes().containsKey(key), key + " on " + attempt);
            }
        }
        Set<String> attemptIds = attempts.stream().map(Span::spanId).collect(Collectors.toSet());
        List<Span> onWorkers = call.spans().stream()
                .filter(span -> span.name().equals(method) && !span.process().endsWith("/coordinator")).toList();
        for (Span worker : onWorkers) {
            assertTrue(attemptIds.contains(worker.parentId()), "a worker's server span is the child of an attempt: " + worker);
        }
        Set<String> workers = onWorkers.stream().map(Span::process).collect(Collectors.toSet());
        assertTrue(workers.size() >= 2, "server spans from at least two workers: " + workers);
        // And the workers' calls made during this call are in its trace, not traces of their own.
        List<Span> elsewhere = receiver.spans().stream().filter(span -> span.name().equals(method)
                && workers.contains(span.process()) && span.startNanos() >= call.startedNanos()
                && span.endNanos() <= call.endedNanos() && !span.traceId().equals(call.traceId())).toList();
        assertEquals(List.of(), elsewhere, "worker calls outside the call's trace");
    }

    private static boolean podsComplete(List<Span> spans, String method, String attemptName) {
        long attempts = spans.stream().filter(span -> span.name().equals(attemptName)).count();
        long onWorkers = spans.stream().filter(span -> span.name().equals(method) && !span.process().endsWith("/coordinator")).count();
        boolean server = spans.stream().anyMatch(span -> span.name().equals(method) && span.process().endsWith("/coordinator"));
        return server && attempts > 0 && onWorkers >= attempts;
    }

    private static final String SUM = "fanout.v1.Compute/SumOfSquares";
    private static final String FETCH = "fanout.v1.Fetcher/Fetch";

    /** The coordinator's server span has come; the workers' may still be on their way. */
    private static Predicate<List<Span>> served(String method) {
        return spans -> spans.stream().anyMatch(span -> span.name().equals(method) && span.process().endsWith("/coordinator"));
    }

    /** A PODS compute call of PARTS parts; its trace is taken once {@code complete} holds. */
    private static Call computeCall(Predicate<List<Span>> complete) throws Exception {
        return call(List.of("compute", "--mode", "pods", "--start", "0", "--end", "600000000", "--parts", Integer.toString(PARTS),
                "--compute", compute.coordinator()), complete);
    }

    /** A PODS fetch of 40 URLs of the coordinator's origin; its trace is taken once {@code complete} holds. */
    private static Call fetchCall(Predicate<List<Span>> complete) throws Exception {
        List<String> arguments = new ArrayList<>(List.of("fetch", "--mode", "pods", "--fetcher", fetcher.coordinator(), "--url"));
        IntStream.range(0, 40).mapToObj(i -> "http://" + fetcher.coordinator() + "/origin/delay/20/bytes/" + (1000 + i))
                .forEach(arguments::add);
        return call(arguments, complete);
    }

    @Test
    void aComputeCallIsOneTraceStartedByFanout() throws Exception {
        Call call = computeCall(served(SUM));
        draw(call, "compute");
        assertOneTreeUnderTheClient(call, SUM);
        Pattern logged = Pattern.compile("(?m)^.* " + call.traceId() + " [0-9a-f]{16} .*$");
        String log = Files.readString(DIR.resolve("compute/coordinator.log"));
        assertTrue(logged.matcher(log).find(), "a log line of the call carries its trace and span ids");
    }

    @Test
    void withoutOtelSdkDisabledFalseAServiceSendsNothing() throws Exception {
        CliRun run = CliRun.of(List.of("compute", "--mode", "single", "--end", "1000000", "--trace", "--compute", "127.0.117.2:8081"));
        assertEquals(0, run.exitCode(), run.output());
        Thread.sleep(2000); // ten times the batch delay the traced processes export with
        assertEquals(List.of(), receiver.spans().stream().filter(span -> span.process().endsWith("/untraced")).toList());
        assertFalse(notTracing.logText().contains("ERROR"), notTracing.logText());
    }

    @Test
    void aFetchCallIsOneTraceStartedByFanout() throws Exception {
        Call call = fetchCall(served(FETCH));
        draw(call, "fetch");
        assertOneTreeUnderTheClient(call, FETCH);
    }

    /** Needs PodsTracing wired into the PODS fan-out (the PodsObserver seam). */
    @Test
    void aPodsComputeCallTracesEveryAttemptAndTheWorkersItCalled() throws Exception {
        Call call = computeCall(spans -> podsComplete(spans, SUM, "PODS compute attempt"));
        draw(call, "compute-pods");
        assertAttemptsAndWorkers(call, SUM, "PODS compute attempt", PARTS);
        assertOneTreeUnderTheClient(call, SUM);
    }

    /** Needs PodsTracing wired into the PODS fan-out (the PodsObserver seam). */
    @Test
    void aPodsFetchCallTracesEveryShardAndThePeersItCalled() throws Exception {
        Call call = fetchCall(spans -> podsComplete(spans, FETCH, "PODS fetcher attempt"));
        draw(call, "fetch-pods");
        assertAttemptsAndWorkers(call, FETCH, "PODS fetcher attempt", 2);
        assertOneTreeUnderTheClient(call, FETCH);
    }

    /** The trace as a tree (span, process, duration), printed and written to target/tracing-it/NAME.txt. */
    private static void draw(Call call, String name) throws IOException {
        StringBuilder tree = new StringBuilder("trace " + call.traceId() + "\n");
        Set<String> ids = call.spans().stream().map(Span::spanId).collect(Collectors.toSet());
        call.spans().stream().filter(span -> !ids.contains(span.parentId())).sorted(Comparator.comparingLong(Span::startNanos))
                .forEach(root -> draw(root, call.spans(), 1, tree));
        System.out.print(tree);
        Files.createDirectories(DIR);
        Files.writeString(DIR.resolve(name + ".txt"), tree);
    }

    private static void draw(Span span, List<Span> spans, int depth, StringBuilder tree) {
        tree.append("  ".repeat(depth)).append(span.name()).append("  [").append(span.process()).append("]  ")
                .append(String.format("%.1f ms", span.millis()));
        span.attributes().entrySet().stream().filter(e -> e.getKey().startsWith("fanout."))
                .forEach(e -> tree.append("  ").append(e.getKey().substring("fanout.".length())).append('=').append(e.getValue()));
        if (!"STATUS_CODE_UNSET".equals(span.status())) {
            tree.append("  ").append(span.status());
        }
        tree.append('\n');
        spans.stream().filter(child -> child.parentId().equals(span.spanId())).sorted(Comparator.comparingLong(Span::startNanos))
                .forEach(child -> draw(child, spans, depth + 1, tree));
    }
}
