package dev.fanout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

@CliTest
class ComputeCommandTest {
    @RegisterExtension
    static final FakeServices services = new FakeServices();

    @Test
    void jsonCarriesTheExactSumAndBothTimes(Launcher launcher) {
        LaunchResult result = launcher.launch("compute", "--mode", "single", "--start", "0", "--end", "100000000", "--json",
                "--compute", services.address());
        assertEquals(0, result.exitCode(), result.getErrorOutput());
        JsonNode json = Cli.json(result.getOutput());
        assertEquals("333333328333333350000000", json.get("sum").asText());
        assertTrue(json.get("sum").isTextual());
        assertEquals("single", json.get("mode").asText());
        assertEquals(1, json.get("parallelism").asInt());
        // The fake works 1 ms per million integers: 100 ms on the service, and the client saw at least that.
        double service = json.get("elapsed_ms").asDouble();
        assertTrue(service >= 100, "elapsed_ms " + service);
        assertTrue(json.get("client_ms").asDouble() >= service, result.getOutput());
        assertEquals(1, json.get("parts").size());
        assertEquals("0", json.get("parts").get(0).get("start").asText());
    }

    @Test
    void theTableShowsTheSumPartsAndTimes(Launcher launcher) {
        LaunchResult result = launcher.launch("compute", "--mode", "cores", "--start", "10", "--end", "20", "--parts", "4",
                "--compute", services.address());
        assertEquals(0, result.exitCode(), result.getErrorOutput());
        String out = result.getOutput();
        // 10^2 + ... + 19^2 = 2185
        assertTrue(out.lines().anyMatch(l -> l.matches("sum\\s+2185")), out);
        assertTrue(out.lines().anyMatch(l -> l.matches("mode\\s+cores")), out);
        assertTrue(out.contains("service ms") && out.contains("client ms"), out);
        assertEquals(4, out.lines().filter(l -> l.matches(".*\\sfake-[01]\\s.*")).count(), out);
    }

    @Test
    void theEnvironmentVariableIsTheDefaultAddress(Launcher launcher) {
        // picocli reads FANOUT_COMPUTE through ${env:...}; an unset variable falls back to 127.0.0.1:8081.
        assertTrue(launcher.launch("compute", "--help").getOutput().contains("default 127.0.0.1:8081"));
    }

    @Test
    void aRequestTheServiceRejectsIsAUsageErrorWithItsMessage(Launcher launcher) {
        String error = Cli.oneLineError(launcher.launch("compute", "--start", "5", "--end", "1", "--compute", services.address()), 2);
        assertTrue(error.contains("rejected the request: start (5) must not be greater than end (1)"), error);
    }

    @Test
    void aModeTheServiceCannotRunIsExitThree(Launcher launcher) {
        String error = Cli.oneLineError(launcher.launch("compute", "--mode", "pods", "--end", "10", "--compute", services.address()), 3);
        assertTrue(error.contains("FAILED_PRECONDITION") && error.contains("no worker pods"), error);
    }

    @Test
    void aPassedDeadlineIsExitFour(Launcher launcher) {
        // 10^10 integers: 10 s of fake work, far beyond the 300 ms deadline.
        String error = Cli.oneLineError(launcher.launch("compute", "--mode", "single", "--end", "10000000000",
                "--deadline", "300ms", "--compute", services.address()), 4);
        assertTrue(error.contains("did not finish within the deadline of 300ms"), error);
    }
}
