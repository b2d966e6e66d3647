package dev.fanout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The packaged client as users run it: the JVM jar here, the native executable where one was built
 * with -Pnative. It talks to the in-test fake services over loopback like to the real ones.
 */
@CliTest(packaged = true)
class PackagedCliIT {
    @RegisterExtension
    static final FakeServices services = new FakeServices();

    @Test
    @Launch("--help")
    void helpListsTheExitCodes(LaunchResult result) {
        assertTrue(result.getOutput().contains("Exit codes:") && result.getOutput().contains("4     deadline exceeded"), result.getOutput());
    }

    @Test
    void computeAnswersWithTheExactSum(Launcher launcher) {
        LaunchResult result = launcher.launch("compute", "--mode", "cores", "--end", "100000000", "--json", "--compute", services.address());
        assertEquals(0, result.exitCode(), result.getErrorOutput());
        JsonNode json = Cli.json(result.getOutput());
        assertEquals("333333328333333350000000", json.get("sum").asText());
        assertEquals("cores", json.get("mode").asText());
        assertEquals(2, json.get("parts").size());
    }

    @Test
    void fetchStreamsResultsAndExitsOneOnAFailedUrl(Launcher launcher) {
        LaunchResult result = launcher.launch("fetch", "--mode", "reactive", "--concurrency", "2", "--json-lines",
                "--url", "http://127.0.0.1:9/origin/delay/5/bytes/42", "http://127.0.0.1:9/status/500", "--fetcher", services.address());
        assertEquals(1, result.exitCode(), result.getErrorOutput());
        assertEquals(3, result.getOutputStream().size(), result.getOutput());
        JsonNode summary = Cli.json(result.getOutputStream().get(2)).get("summary");
        assertEquals(1, summary.get("ok").asInt());
        assertEquals(1, summary.get("failed").asInt());
        assertEquals(42, summary.get("bytes").asLong());
    }

    @Test
    void errorsAreOneLineWithTheRightExitCode(Launcher launcher) {
        String address = "127.0.0.1:" + ClosedPort.find();
        assertTrue(Cli.oneLineError(launcher.launch("compute", "--end", "10", "--compute", address), 3).contains(address));
        assertTrue(Cli.oneLineError(launcher.launch("compute", "--mode", "single", "--end", "10000000000", "--deadline", "300ms",
                "--compute", services.address()), 4).contains("deadline"));
        assertTrue(Cli.oneLineError(launcher.launch("fetch", "--mode", "quick", "--url", "http://x"), 2).contains("valid:"));
        assertTrue(Cli.oneLineError(launcher.launch("compute", "--end", "10", "--compute", "http://127.0.0.1:8081"), 2)
                .endsWith("use --compute 127.0.0.1:8081"));
        assertTrue(Cli.oneLineError(launcher.launch("compute", "--from", "0", "--to", "100"), 2).contains("--to (use --end E)"));
    }

    @Test
    void aSchemeInTheEnvironmentNamesTheVariable() throws Exception {
        // The launcher cannot set the environment: the packaged app runs here as a process started by hand.
        List<String> command = new ArrayList<>(CliLauncher.packagedCommand());
        command.addAll(List.of("compute", "--end", "10"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("FANOUT_COMPUTE", "http://127.0.0.1:8081");
        Process process = builder.start();
        List<String> stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, process.exitValue(), stderr::toString);
        assertEquals("fanout: FANOUT_COMPUTE 'http://127.0.0.1:8081': drop the scheme 'http://' (a gRPC address is HOST:PORT): "
                + "use FANOUT_COMPUTE=127.0.0.1:8081", Cli.oneLineError(stderr));
    }

    @Test
    void benchMeasuresEveryModeOfBothServices(Launcher launcher) {
        LaunchResult result = launcher.launch("bench", "--warmup", "1", "--repeat", "1", "--url-count", "4", "--delay", "20ms",
                "--concurrency", "4", "--end", "20000000", "--overhead-calls", "10", "--json",
                "--compute", services.address(), "--fetcher", services.address());
        assertEquals(0, result.exitCode(), result.getErrorOutput());
        JsonNode json = Cli.json(result.getOutput());
        assertEquals(3, json.get("compute").get("modes").size());
        assertEquals(5, json.get("fetch").get("modes").size());
        json.get("fetch").get("modes").forEach(m -> assertTrue(m.get("median_ms").isNumber() || m.get("skipped").isTextual(), m.toString()));
        assertEquals(10, json.get("client_overhead").get("calls").asInt());
    }
}
