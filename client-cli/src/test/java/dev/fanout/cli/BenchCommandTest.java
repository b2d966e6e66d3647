package dev.fanout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;

@QuarkusMainTest
class BenchCommandTest {
    @RegisterExtension
    static final FakeServices services = new FakeServices();

    /** A small workload: 6 URLs of 40 ms with 3 in flight, 60 ms of single-core compute. */
    private LaunchResult bench(QuarkusMainLauncher launcher, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("bench", "--warmup", "0", "--repeat", "2", "--url-count", "6",
                "--delay", "40ms", "--concurrency", "3", "--end", "60000000", "--overhead-calls", "20",
                "--compute", services.address(), "--fetcher", services.address()));
        args.addAll(List.of(extra));
        return launcher.launch(args.toArray(String[]::new));
    }

    private static Map<String, JsonNode> byMode(JsonNode modes) {
        Map<String, JsonNode> map = new HashMap<>();
        modes.forEach(m -> map.put(m.get("mode").asText(), m));
        return map;
    }

    @Test
    void jsonReportsEveryModeBesideItsIdeal(QuarkusMainLauncher launcher) {
        LaunchResult result = bench(launcher, "--json");
        assertEquals(0, result.exitCode(), result.getErrorOutput());
        JsonNode json = Cli.json(result.getOutput());

        Map<String, JsonNode> compute = byMode(json.get("compute").get("modes"));
        assertEquals(List.of("single", "cores", "pods"), json.get("compute").get("modes").findValuesAsText("mode"));
        double single = compute.get("single").get("median_ms").asDouble();
        assertTrue(single >= 60, "single " + single);
        JsonNode cores = compute.get("cores");
        assertEquals(2, cores.get("parallelism").asInt());
        assertEquals(single / 2, cores.get("ideal_ms").asDouble(), 0.01);
        assertTrue(cores.get("speedup").asDouble() > 1.5 && cores.get("speedup").asDouble() < 2.3, cores.toString());
        assertTrue(cores.get("client_median_ms").asDouble() >= cores.get("median_ms").asDouble(), cores.toString());
        assertTrue(compute.get("pods").get("skipped").asText().startsWith("FAILED_PRECONDITION"), compute.get("pods").toString());
        assertTrue(compute.get("pods").get("median_ms").isNull());

        Map<String, JsonNode> fetch = byMode(json.get("fetch").get("modes"));
        double sequential = fetch.get("sequential").get("median_ms").asDouble();
        assertTrue(sequential >= 6 * 40, "sequential " + sequential);
        double latency = fetch.get("sequential").get("url_latency_ms").asDouble();
        assertTrue(latency >= 40 && latency < 80, "latency " + latency);
        assertEquals(6 * latency, fetch.get("sequential").get("ideal_ms").asDouble(), 0.01);
        for (String mode : List.of("threads", "virtual-threads", "reactive")) {
            JsonNode m = fetch.get(mode);
            // Two waves of 3: ideal = 2 x the latency measured sequentially.
            assertEquals(3, m.get("parallelism").asInt());
            assertEquals(2 * latency, m.get("ideal_ms").asDouble(), 0.01, mode);
            assertEquals(sequential / m.get("median_ms").asDouble(), m.get("speedup").asDouble(), 0.01, mode);
            assertEquals(m.get("ideal_ms").asDouble() / m.get("median_ms").asDouble(), m.get("efficiency").asDouble(), 0.01, mode);
            assertTrue(m.get("speedup").asDouble() > 2, m.toString());
        }
        assertTrue(fetch.get("pods").get("skipped").asText().startsWith("UNIMPLEMENTED"));

        JsonNode overhead = json.get("client_overhead");
        assertEquals(20, overhead.get("calls").asInt());
        assertTrue(overhead.get("p99_us").asDouble() >= overhead.get("p50_us").asDouble());
        assertTrue(overhead.get("round_trip_p50_us").asDouble() > 0);
    }

    @Test
    void theTableNotesSkippedModesAndTheCsvHasALinePerMode(QuarkusMainLauncher launcher) {
        LaunchResult table = bench(launcher, "--only", "fetch", "--modes", "threads,pods");
        assertEquals(0, table.exitCode(), table.getErrorOutput());
        String out = table.getOutput();
        assertTrue(out.contains("ideal = ceil(URLs / concurrency)"), out);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("pods") && l.contains("skipped: UNIMPLEMENTED")), out);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("sequential")), "the baseline always runs:\n" + out);
        assertFalse(out.contains("compute:"), out);
        assertFalse(out.contains("client overhead"), out);

        LaunchResult csv = bench(launcher, "--only", "compute", "--csv");
        List<String> lines = csv.getOutputStream();
        assertEquals("service,mode,median_ms,min_ms,max_ms,client_median_ms,parallelism,speedup,ideal_ms,efficiency,failed_urls,python_s,skipped",
                lines.get(0));
        assertEquals(4, lines.size(), csv.getOutput());
        assertTrue(lines.get(1).startsWith("compute,single,"), lines.get(1));
        assertTrue(lines.get(3).startsWith("compute,pods,,") && lines.get(3).endsWith("\""), lines.get(3));
    }

    @Test
    void theTutorialPresetPrintsThePythonTimingsBeside(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("bench", "--preset", "tutorial", "--delay", "10ms", "--end", "20000000",
                "--warmup", "0", "--repeat", "1", "--overhead-calls", "0", "--json",
                "--compute", services.address(), "--fetcher", services.address());
        assertEquals(0, result.exitCode(), result.getErrorOutput());
        JsonNode json = Cli.json(result.getOutput());
        assertEquals("tutorial", json.get("preset").asText());
        Map<String, JsonNode> fetch = byMode(json.get("fetch").get("modes"));
        assertEquals(10.0, fetch.get("sequential").get("python_s").asDouble());
        assertEquals(6.1, fetch.get("threads").get("python_s").asDouble());
        assertEquals(6.8, fetch.get("reactive").get("python_s").asDouble());
        assertTrue(fetch.get("virtual-threads").get("python_s").isNull());
        // 20 URLs, 5 in flight (the tutorial's max_workers): 4 waves.
        assertEquals(5, fetch.get("threads").get("parallelism").asInt());
        assertTrue(json.get("fetch").get("workload").asText().contains("20 URLs alternating 10394 B and 277 B"));
        assertEquals(11.48, byMode(json.get("compute").get("modes")).get("single").get("python_s").asDouble());
        assertTrue(json.get("compute").get("workload").asText().contains("[0, 20000000)"), "explicit --end wins over the preset");
        assertTrue(json.get("notes").toString().contains("11.18 s"));
    }

    @Test
    void htmlIsOneSelfContainedPage(QuarkusMainLauncher launcher, @TempDir Path dir) throws Exception {
        Path page = dir.resolve("bench.html");
        LaunchResult result = bench(launcher, "--only", "compute", "--html", page.toString());
        assertEquals(0, result.exitCode(), result.getErrorOutput());
        String html = Files.readString(page);
        assertTrue(html.contains("<svg") && html.contains("class=\"bar\"") && html.contains("class=\"ideal\""), html);
        for (String external : new String[] { "<script", "<link", "src=", "@import", "url(" }) {
            assertFalse(html.contains(external), external);
        }
    }

    @Test
    void anUnreachableServiceStopsTheBenchWithExitThree(QuarkusMainLauncher launcher) {
        String address = "127.0.0.1:" + ClosedPort.find();
        String error = Cli.oneLineError(launcher.launch("bench", "--only", "fetch", "--fetcher", address), 3);
        assertTrue(error.contains("fetcher service at " + address + " is unavailable"), error);
    }
}
