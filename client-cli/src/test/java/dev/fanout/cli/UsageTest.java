package dev.fanout.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The app as Main runs it: help, version, and errors through its CommandLine. */
@CliTest
class UsageTest {

    @Test
    @Launch("--help")
    void helpListsCommandsAndExitCodes(LaunchResult result) {
        String help = result.getOutput();
        for (String expected : new String[] { "compute", "fetch", "bench", "Exit codes:", "0     all ok", "1     some URLs failed",
                "2     usage error", "3     service unavailable", "4     deadline exceeded", "130   cancelled with Ctrl-C",
                "FANOUT_COMPUTE" }) {
            assertTrue(help.contains(expected), () -> "missing '" + expected + "' in\n" + help);
        }
    }

    @Test
    @Launch("--version")
    void versionComesFromTheBuild(LaunchResult result) {
        assertTrue(result.getOutput().matches("fanout \\d+\\.\\d+\\.\\d+.*"), result.getOutput());
    }

    @Test
    void anInvalidModeIsAOneLineUsageError(Launcher launcher) {
        String error = Cli.oneLineError(launcher.launch("compute", "--mode", "turbo", "--end", "10"), 2);
        assertTrue(error.contains("'turbo' is not a mode; valid: single, cores, pods"), error);
    }

    @Test
    void anUnreachableServiceIsExitThreeWithItsAddress(Launcher launcher) {
        String address = "127.0.0.1:" + ClosedPort.find();
        String error = Cli.oneLineError(launcher.launch("compute", "--end", "10", "--compute", address), 3);
        assertTrue(error.contains("compute service at " + address + " is unavailable") && error.contains("--compute"), error);
        error = Cli.oneLineError(launcher.launch("fetch", "--url", "http://x", "--fetcher", address), 3);
        assertTrue(error.contains("fetcher service at " + address) && error.contains("FANOUT_FETCHER"), error);
        error = Cli.oneLineError(launcher.launch("compute", "--end", "10", "--compute", "no-such-host.invalid:8081"), 3);
        assertTrue(error.contains("unknown host 'no-such-host.invalid'"), error);
    }
}
