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

@CliTest
class BenchCommandTest {
    @RegisterExtension
    static final FakeServices services = new FakeServices();

    /** A small workload: 6 URLs of 40 ms with 3 in flight, 60 ms of single-core compute. */
    private LaunchResult bench(Launcher launcher, String... extra) {
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
    void jsonReportsEveryModeBesideItsIdeal(Launcher launcher) {
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
        assertEquals(single / cores.get("median_ms").asDouble(), cores.get("speedup").asDouble(), 0.01, cores.toString());
        assertTrue(cores.get("client_median_ms").asDouble() >= cores.get("median_ms").asDouble(), cores.toString());
        assertTrue(compute.get("pods").get("skipped").asText().startsWith("FAILED_PRECONDITION"), compute.get("pods").toString());
        assertTrue(compute.get("pods").get("median_ms").isNull());

        Map<String, JsonNode> fetch = byMode(json.get("fetch").get("modes"));
        double sequential = fetch.get("sequential").get("median_ms").asDouble();
        assertTrue(sequential >= 6 * 40, "sequential " + sequential);
        JsonNode urls = fetch.get("sequential").get("url_latency_ms");
        double latency = urls.get("mean").asDouble();
        assertTrue(latency >= 40, "latency " + latency);
        assertTrue(urls.get("p50").asDouble() >= 40 && urls.get("p50").asDouble() <= urls.get("p90").asDouble()
                && urls.get("p90").asDouble() <= urls.get("p99").asDouble(), urls.toString());
        // Each run's raw time, and the summary statistics of them.
        JsonNode seq = fetch.get("sequential");
        assertEquals(2, seq.get("samples_ms").size());
        double mean = (seq.get("samples_ms").get(0).asDouble() + seq.get("samples_ms").get(1).asDouble()) / 2;
        assertEquals(mean, seq.get("mean_ms").asDouble(), 0.002);
        // the sample standard deviation (n - 1) of the two runs
        assertEquals(Math.abs(seq.get("samples_ms").get(0).asDouble() - seq.get("samples_ms").get(1).asDouble()) / Math.sqrt(2),
                seq.get("stddev_ms").asDouble(), 0.002, seq.toString());
        assertTrue(compute.get("single").get("url_latency_ms").isNull());
        assertEquals(6 * latency, fetch.get("sequential").get("ideal_ms").asDouble(), 0.01);
        for (String mode : List.of("threads", "virtual-threads", "reactive")) {
            JsonNode m = fetch.get(mode);
            // Two waves of 3: ideal = 2 x the latency measured sequentially.
            assertEquals(3, m.get("parallelism").asInt());
            assertEquals(2 * latency, m.get("ideal_ms").asDouble(), 0.01, mode);
            assertEquals(sequential / m.get("median_ms").asDouble(), m.get("speedup").asDouble(), 0.01, mode);
            assertEquals(m.get("ideal_ms").asDouble() / m.get("median_ms").asDouble(), m.get("efficiency").asDouble(), 0.01, mode);
        }
        assertTrue(fetch.get("pods").get("skipped").asText().startsWith("UNIMPLEMENTED"));

        JsonNode overhead = json.get("client_overhead");
        assertEquals(20, overhead.get("calls").asInt());
        assertTrue(overhead.get("p99_us").asDouble() >= overhead.get("p50_us").asDouble());
        assertTrue(overhead.get("round_trip_p50_us").asDouble() > 0);
    }

    @Test
    void theTableNotesSkippedModesAndTheCsvHasALinePerMode(Launcher launcher, @TempDir Path dir) throws Exception {
        Path markdown = dir.resolve("bench.md");
        LaunchResult table = bench(launcher, "--only", "fetch", "--modes", "threads,pods", "--export-markdown", markdown.toString());
        assertEquals(0, table.exitCode(), table.getErrorOutput());
        String out = table.getOutput();
        assertTrue(out.lines().anyMatch(l -> l.startsWith("MODE") && l.contains("MEAN +- SD MS") && l.contains("URL P50/P90/P99 MS")), out);
        // The Markdown file has the same rows while the table stays on screen.
        String md = Files.readString(markdown);
        assertTrue(md.contains("| mode | par | median ms | mean +- sd ms |"), md);
        assertTrue(md.lines().anyMatch(l -> l.startsWith("| threads | 3 |")), md);
        assertTrue(md.lines().anyMatch(l -> l.startsWith("| pods | - |") && l.contains("skipped: UNIMPLEMENTED")), md);
        assertTrue(out.contains("ideal = ceil(URLs / concurrency)"), out);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("pods") && l.contains("skipped: UNIMPLEMENTED")), out);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("sequential")), "the baseline always runs:\n" + out);
        assertFalse(out.contains("compute:"), out);
        assertFalse(out.contains("client overhead"), out);

        LaunchResult csv = bench(launcher, "--only", "compute", "--csv");
        List<String> lines = csv.getOutputStream();
        assertEquals("service,mode,median_ms,min_ms,max_ms,mean_ms,stddev_ms,client_median_ms,parallelism,speedup,ideal_ms,efficiency,"
                + "failed_urls,url_p50_ms,url_p90_ms,url_p99_ms,python_s,skipped,swept,value", lines.get(0));
        assertEquals(4, lines.size(), csv.getOutput());
        assertTrue(lines.get(1).startsWith("compute,single,"), lines.get(1));
        assertTrue(lines.get(3).startsWith("compute,pods,,") && lines.get(3).endsWith("\",,"), lines.get(3));
    }

    @Test
    void aConcurrencyListSweepsEveryFetchModeAgainstLittlesLaw(Launcher launcher, @TempDir Path dir) throws Exception {
        LaunchResult result = launcher.launch("bench", "--only", "fetch", "--modes", "threads,pods", "--warmup", "0", "--repeat", "1",
                "--url-count", "6", "--delay", "30ms", "--concurrency", "1,3,6", "--json", "--html", dir.resolve("s.html").toString(),
                "--fetcher", services.address());
        assertEquals(0, result.exitCode(), result.getErrorOutput());
        JsonNode fetch = Cli.json(result.getOutput()).get("fetch");
        assertEquals("concurrency", fetch.get("swept").asText());
        JsonNode sweep = fetch.get("sweep");
        assertEquals(List.of(1, 3, 6), List.of(sweep.get(0).get("value").asInt(), sweep.get(1).get("value").asInt(), sweep.get(2).get("value").asInt()));
        // Little's law: 6 URLs in ceil(6 / c) waves.
        assertEquals(List.of(1.0, 3.0, 6.0), List.of(sweep.get(0).get("ideal_speedup").asDouble(), sweep.get(1).get("ideal_speedup").asDouble(),
                sweep.get(2).get("ideal_speedup").asDouble()));
        for (JsonNode point : sweep) {
            Map<String, JsonNode> modes = byMode(point.get("modes"));
            assertEquals(List.of("sequential", "threads", "pods"), point.get("modes").findValuesAsText("mode"));
            assertEquals(point.get("value").asInt(), modes.get("threads").get("parallelism").asInt());
            assertTrue(modes.get("pods").get("skipped").asText().startsWith("UNIMPLEMENTED"));
            // each point's speedup against the sequential baseline run at that point
            assertEquals(modes.get("sequential").get("median_ms").asDouble() / modes.get("threads").get("median_ms").asDouble(),
                    modes.get("threads").get("speedup").asDouble(), 0.01, point.toString());
        }
        assertTrue(Files.readString(dir.resolve("s.html")).contains("class=\"chart sweep\""));

        LaunchResult table = launcher.launch("bench", "--only", "compute", "--modes", "cores", "--warmup", "0", "--repeat", "1",
                "--end", "20000000", "--parts", "1,2", "--overhead-calls", "0", "--compute", services.address());
        assertEquals(0, table.exitCode(), table.getErrorOutput());
        List<String> lines = table.getOutput().lines().toList();
        assertTrue(lines.getFirst().startsWith("compute sweep over parts: range [0, 20000000)"), table.getOutput());
        assertTrue(lines.get(2).matches(" *PARTS +SINGLE +CORES +IDEAL"), lines.get(2));
        assertTrue(lines.get(3).matches(" *1 +1\\.00x +\\d+\\.\\d\\dx +1\\.00x"), lines.get(3));
        assertTrue(lines.get(4).matches(" *2 +1\\.00x +\\d+\\.\\d\\dx +2\\.00x"), lines.get(4));
    }

    @Test
    void aBaselineFileGivesEachModesRatioAndWhetherItIsNoise(Launcher launcher, @TempDir Path dir) throws Exception {
        Path old = dir.resolve("old.json");
        LaunchResult first = bench(launcher, "--only", "fetch", "--modes", "threads", "--json");
        assertEquals(0, first.exitCode(), first.getErrorOutput());
        Files.writeString(old, first.getOutput());
        // A baseline ten times slower with almost no spread: this run is clearly faster, not noise.
        Path slow = dir.resolve("slow.json");
        JsonNode doc = Cli.json(first.getOutput());
        for (JsonNode m : doc.get("fetch").get("modes")) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) m).put("median_ms", m.get("median_ms").asDouble() * 10)
                    .put("mean_ms", m.get("mean_ms").asDouble() * 10).put("stddev_ms", 0.1);
        }
        Files.writeString(slow, doc.toString());

        LaunchResult again = bench(launcher, "--only", "fetch", "--modes", "threads", "--json", "--baseline", old.toString());
        assertEquals(0, again.exitCode(), again.getErrorOutput());
        Map<String, JsonNode> modes = byMode(Cli.json(again.getOutput()).get("fetch").get("modes"));
        JsonNode threads = modes.get("threads");
        Map<String, JsonNode> oldModes = byMode(doc.get("fetch").get("modes"));
        assertEquals(oldModes.get("threads").get("median_ms").asDouble() / 10, threads.get("baseline").get("median_ms").asDouble(), 0.001);
        assertEquals(threads.get("median_ms").asDouble() / threads.get("baseline").get("median_ms").asDouble(),
                threads.get("baseline").get("ratio").asDouble(), 0.01);
        assertTrue(threads.get("baseline").has("within_noise"), threads.toString());

        LaunchResult table = bench(launcher, "--only", "fetch", "--modes", "threads", "--baseline", slow.toString());
        assertEquals(0, table.exitCode(), table.getErrorOutput());
        String line = table.getOutput().lines().filter(l -> l.startsWith("threads")).findFirst().orElseThrow();
        assertTrue(line.matches(".*\\b\\d+\\.\\d\\dx faster\\b.*") && !line.contains("within noise"), line);
        assertTrue(table.getOutput().contains("VS BASELINE"), table.getOutput());

        String error = Cli.oneLineError(bench(launcher, "--only", "fetch", "--baseline", dir.resolve("none.json").toString()), 2);
        assertTrue(error.contains("--baseline") && error.contains("does not exist"), error);
    }

    @Test
    void aSweepOfPartsNeedsCountsOfOneOrMore(Launcher launcher) {
        String error = Cli.oneLineError(launcher.launch("bench", "--only", "compute", "--parts", "0,2", "--compute", services.address()), 2);
        assertTrue(error.contains("--parts"), error);
    }

    @Test
    void theTutorialPresetPrintsThePythonTimingsBeside(Launcher launcher) {
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
    void htmlIsOneSelfContainedPage(Launcher launcher, @TempDir Path dir) throws Exception {
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
    void anUnreachableServiceStopsTheBenchWithExitThree(Launcher launcher) {
        String address = "127.0.0.1:" + ClosedPort.find();
        String error = Cli.oneLineError(launcher.launch("bench", "--only", "fetch", "--fetcher", address), 3);
        assertTrue(error.contains("fetcher service at " + address + " is unavailable"), error);
    }
}
