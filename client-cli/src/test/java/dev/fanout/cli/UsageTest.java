package dev.fanout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;

@QuarkusMainTest
class UsageTest {

    @Test
    @Launch("--help")
    void helpListsCommandsAndExitCodes(LaunchResult result) {
        String help = result.getOutput();
        for (String expected : new String[] { "compute", "fetch", "bench", "Exit codes:", "0   all ok", "1   some URLs failed",
                "2   usage error", "3   service unavailable", "4   deadline exceeded", "FANOUT_COMPUTE" }) {
            assertTrue(help.contains(expected), () -> "missing '" + expected + "' in\n" + help);
        }
    }

    @Test
    void everyCommandHelpListsItsOptionsAndTheExitCodes(QuarkusMainLauncher launcher) {
        assertTrue(launcher.launch("compute", "--help").getOutput().contains("--deadline"));
        String fetch = launcher.launch("fetch", "--help").getOutput();
        assertTrue(fetch.contains("--urls-file") && fetch.contains("--json-lines") && fetch.contains("Exit codes:"), fetch);
        String bench = launcher.launch("bench", "--help").getOutput();
        assertTrue(bench.contains("--preset") && bench.contains("--html") && bench.contains("Little's law"), bench);
    }

    @Test
    @Launch("--version")
    void versionComesFromTheBuild(LaunchResult result) {
        assertTrue(result.getOutput().matches("fanout \\d+\\.\\d+\\.\\d+.*"), result.getOutput());
    }

    @Test
    void anInvalidModeNamesTheValidOnes(QuarkusMainLauncher launcher) {
        String error = Cli.oneLineError(launcher.launch("compute", "--mode", "turbo", "--end", "10"), 2);
        assertTrue(error.contains("'turbo' is not a mode; valid: single, cores, pods"), error);
        error = Cli.oneLineError(launcher.launch("fetch", "--mode", "asyncio", "--url", "http://x"), 2);
        assertTrue(error.contains("valid: sequential, threads, virtual-threads, reactive, pods"), error);
    }

    @Test
    void invalidArgumentsAreNamed(QuarkusMainLauncher launcher) {
        assertTrue(Cli.oneLineError(launcher.launch("fetch", "--timeout", "2x", "--url", "http://x"), 2).contains("--timeout"));
        assertTrue(Cli.oneLineError(launcher.launch("compute", "--end", "10", "--compute", "localhost"), 2).contains("HOST:PORT"));
        assertTrue(Cli.oneLineError(launcher.launch("compute", "--end", "ten"), 2).contains("--end"));
        assertTrue(Cli.oneLineError(launcher.launch("compute"), 2).contains("--end"));
        assertTrue(Cli.oneLineError(launcher.launch("fetch"), 2).contains("no URLs"));
        assertTrue(Cli.oneLineError(launcher.launch("fetch", "--urls-file", "/nonexistent/urls.txt"), 2).contains("no such file"));
        assertTrue(Cli.oneLineError(launcher.launch("fetch", "--url", "http://x", "--json", "--json-lines"), 2).contains("mutually exclusive"));
        assertTrue(Cli.oneLineError(launcher.launch("bench", "--modes", "single,turbo"), 2).contains("'turbo' is not a mode"));
        assertTrue(Cli.oneLineError(launcher.launch("bench", "--only", "both"), 2).contains("valid: compute, fetch"));
        assertTrue(Cli.oneLineError(launcher.launch("bench", "--preset", "paper"), 2).contains("valid: tutorial"));
        assertEquals(2, launcher.launch("frobnicate").exitCode());
    }

    @Test
    void anUnreachableServiceIsExitThreeWithItsAddress(QuarkusMainLauncher launcher) {
        String address = "127.0.0.1:" + ClosedPort.find();
        String error = Cli.oneLineError(launcher.launch("compute", "--end", "10", "--compute", address), 3);
        assertTrue(error.contains("compute service at " + address + " is unavailable") && error.contains("--compute"), error);
        error = Cli.oneLineError(launcher.launch("fetch", "--url", "http://x", "--fetcher", address), 3);
        assertTrue(error.contains("fetcher service at " + address) && error.contains("FANOUT_FETCHER"), error);
        error = Cli.oneLineError(launcher.launch("compute", "--end", "10", "--compute", "no-such-host.invalid:8081"), 3);
        assertTrue(error.contains("unknown host 'no-such-host.invalid'"), error);
    }
}
