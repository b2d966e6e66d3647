package dev.fanout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/**
 * Usage errors through the same picocli configuration the app uses, without starting Quarkus:
 * each names what was wrong in one line and exits 2 (service-side errors are in the launch tests).
 */
class ParseErrorsTest {

    /** The app's CommandLine, built by picocli's own factory (the version provider needs config, so it gets one). */
    private static CommandLine commandLine() {
        return CommandLineFactory.configure(new CommandLine(new FanoutCommand(), new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                return type == VersionProvider.class ? type.cast(new VersionProvider("test")) : CommandLine.defaultFactory().create(type);
            }
        }));
    }

    private static String usageError(String... args) {
        CommandLine cmd = commandLine();
        StringWriter err = new StringWriter();
        cmd.setErr(new PrintWriter(err));
        cmd.setOut(new PrintWriter(new StringWriter()));
        assertEquals(2, cmd.execute(args), err::toString);
        return Cli.oneLineError(err.toString().lines().toList());
    }

    @Test
    void invalidModesListTheValidOnes() {
        assertTrue(usageError("compute", "--mode", "turbo", "--end", "10").contains("'turbo' is not a mode; valid: single, cores, pods"));
        assertTrue(usageError("fetch", "--mode", "asyncio", "--url", "http://x")
                .contains("valid: sequential, threads, virtual-threads, reactive, pods"));
        assertTrue(usageError("bench", "--modes", "single,turbo").contains("'turbo' is not a mode"));
    }

    @Test
    void incompleteOrMissingTlsFilesAreNamed(@TempDir Path dir) {
        assertTrue(usageError("compute", "--end", "10", "--tls-cert", "client.crt").contains("--tls-cert and --tls-key go together"));
        assertTrue(usageError("bench", "--tls-ca", dir.resolve("ca.crt").toString())
                .contains("--tls-ca " + dir.resolve("ca.crt") + ": no such readable file"));
    }

    @Test
    void invalidOptionValuesAreNamed() {
        assertTrue(usageError("fetch", "--timeout", "2x", "--url", "http://x").contains("--timeout"));
        assertTrue(usageError("fetch", "--deadline", "soon", "--url", "http://x").contains("500ms, 2s"));
        assertTrue(usageError("compute", "--end", "10", "--compute", "localhost").contains("HOST:PORT"));
        assertTrue(usageError("compute", "--end", "ten").contains("--end"));
        assertTrue(usageError("compute").contains("Missing required option: '--end=E'"));
        assertTrue(usageError("bench", "--only", "both").contains("valid: compute, fetch"));
        assertTrue(usageError("bench", "--preset", "paper").contains("valid: tutorial"));
        assertTrue(usageError("bench", "--repeat", "0").contains("--repeat"));
        assertTrue(usageError("frobnicate").contains("Unmatched argument"));
    }

    @Test
    void urlListsMustBeGivenOnceAndReadable(@TempDir Path dir) throws Exception {
        Path empty = dir.resolve("empty.txt");
        Files.writeString(empty, "# nothing\n\n");
        assertTrue(usageError("fetch", "--urls-file", empty.toString()).contains("has no URLs"));
        assertTrue(usageError("fetch").contains("no URLs"));
        assertTrue(usageError("fetch", "--urls-file", "/nonexistent/urls.txt").contains("no such file"));
        assertTrue(usageError("fetch", "--url", "http://x", "--urls-file", "-").contains("either --url or --urls-file"));
        assertTrue(usageError("fetch", "--url", "http://x", "--json", "--json-lines").contains("mutually exclusive"));
    }

    @Test
    void everyHelpListsTheExitCodes() {
        for (String command : new String[] { "", "compute", "fetch", "bench" }) {
            CommandLine cmd = commandLine();
            CommandLine target = command.isEmpty() ? cmd : cmd.getSubcommands().get(command);
            String help = target.getUsageMessage();
            assertTrue(help.contains("Exit codes:") && help.contains("3     service unavailable"), help);
        }
    }
}
