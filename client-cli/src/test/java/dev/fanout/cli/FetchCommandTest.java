package dev.fanout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

@CliTest
class FetchCommandTest {
    @RegisterExtension
    static final FakeServices services = new FakeServices();

    private static String url(int delayMs, int bytes) {
        return "http://127.0.0.1:9/origin/delay/" + delayMs + "/bytes/" + bytes;
    }

    @Test
    void jsonHasTheSummaryAndEveryResult(Launcher launcher) {
        LaunchResult result = launcher.launch("fetch", "--mode", "virtual-threads", "--concurrency", "3", "--timeout", "2s",
                "--url", url(300, 1000), url(60, 277), url(180, 10394), "--json", "--fetcher", services.address());
        assertEquals(0, result.exitCode(), result.getErrorOutput());
        JsonNode json = Cli.json(result.getOutput());
        JsonNode summary = json.get("summary");
        assertEquals(3, summary.get("ok").asInt());
        assertEquals(0, summary.get("failed").asInt());
        assertEquals(1000 + 277 + 10394, summary.get("bytes").asLong());
        assertEquals("virtual-threads", summary.get("mode").asText());
        assertEquals(3, summary.get("concurrency").asInt());
        assertTrue(summary.get("elapsed_ms").asDouble() >= 300, summary.toString()); // the slowest URL's delay
        // All three in flight at once, so the results arrive in completion order (60, 180, 300 ms), not in
        // the request's order as one after the other would.
        assertEquals(List.of(1, 2, 0), json.get("results").findValues("index").stream().map(JsonNode::asInt).toList());
        assertEquals(true, json.get("results").get(0).get("ok").asBoolean());
    }

    @Test
    void rowsStreamAndAFailedUrlIsExitOne(Launcher launcher) {
        LaunchResult result = launcher.launch("fetch", "--mode", "sequential", "--url", url(0, 10),
                "http://127.0.0.1:9/status/500", "--fetcher", services.address());
        assertEquals(1, result.exitCode(), result.getErrorOutput());
        List<String> lines = result.getOutputStream();
        assertTrue(lines.get(0).contains("STATUS") && lines.get(0).contains("URL"), lines.get(0));
        assertTrue(lines.get(1).contains(" 200 ") && lines.get(1).contains("/bytes/10"), lines.get(1));
        assertTrue(lines.get(2).contains(" 500 ") && lines.get(2).contains("(http-status: the origin answered HTTP 500)"), lines.get(2));
        assertTrue(lines.getLast().startsWith("1 ok, 1 failed, 10 bytes") && lines.getLast().contains("mode sequential"), lines.getLast());
    }

    @Test
    void jsonLinesPrintAnObjectPerResultThenTheSummary(Launcher launcher, @TempDir Path dir) throws Exception {
        Path file = dir.resolve("urls.txt");
        Files.writeString(file, "# origin URLs\n" + url(5, 1) + "\n\n" + url(5, 2) + "\n" + url(5, 3) + "\n");
        LaunchResult result = launcher.launch("fetch", "--mode", "threads", "--urls-file", file.toString(), "--json-lines",
                "--fetcher", services.address());
        assertEquals(0, result.exitCode(), result.getErrorOutput());
        List<String> lines = result.getOutputStream();
        assertEquals(4, lines.size(), result.getOutput());
        long bytes = 0;
        for (String line : lines.subList(0, 3)) {
            bytes += Cli.json(line).get("bytes").asLong();
        }
        assertEquals(6, bytes);
        assertEquals(3, Cli.json(lines.get(3)).get("summary").get("ok").asInt());
    }

    @Test
    void anUnavailableModeIsExitThree(Launcher launcher) {
        String error = Cli.oneLineError(launcher.launch("fetch", "--mode", "pods", "--url", url(0, 1), "--fetcher", services.address()), 3);
        assertTrue(error.contains("UNIMPLEMENTED"), error);
    }

    @Test
    void aPassedDeadlineIsExitFour(Launcher launcher) {
        String error = Cli.oneLineError(launcher.launch("fetch", "--url", url(3000, 1), "--deadline", "200ms",
                "--fetcher", services.address()), 4);
        assertTrue(error.contains("fetcher service at " + services.address()) && error.contains("--deadline"), error);
    }
}
