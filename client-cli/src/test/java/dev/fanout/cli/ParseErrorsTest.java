package dev.fanout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/**
 * Usage errors through the same picocli configuration the app uses, without starting Quarkus:
 * each names what was wrong in one line and exits 2 (service-side errors are in the launch tests).
 */
class ParseErrorsTest {

    /** The app's whole CommandLine, every subcommand. */
    private static CommandLine commandLine() {
        return CommandLineFactory.create();
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
        assertEquals("fanout: compute: missing --end E (see 'fanout compute --help')", usageError("compute"));
        assertTrue(usageError("bench", "--only", "both").contains("valid: compute, fetch"));
        assertTrue(usageError("bench", "--preset", "paper").contains("valid: tutorial"));
        assertEquals("fanout: --repeat 0 is out of range: use 1 or more", usageError("bench", "--repeat", "0"));
        assertEquals("fanout: --concurrency 0 is out of range: use 1 or more", usageError("bench", "--concurrency", "0"));
        assertEquals("fanout: --parts -1 is out of range: use 0 or more", usageError("compute", "--end", "9", "--parts", "-1"));
        assertEquals("fanout: --concurrency -5 is out of range: use 0 or more",
                usageError("fetch", "--url", "http://x", "--concurrency", "-5"));
        assertEquals("fanout: unknown command 'frobnicate': use compute, fetch, bench or completion (see 'fanout --help')", usageError("frobnicate"));
    }

    @Test
    void aSchemeInAnAddressIsToBeDropped() {
        assertEquals("fanout: --compute 'http://127.0.10.1:8081': drop the scheme 'http://' (a gRPC address is HOST:PORT): "
                + "use --compute 127.0.10.1:8081", usageError("compute", "--end", "10", "--compute", "http://127.0.10.1:8081"));
        assertEquals("fanout: --fetcher 'grpc://fetcher.local/': drop the scheme 'grpc://' (a gRPC address is HOST:PORT): "
                + "use --fetcher fetcher.local:PORT", usageError("fetch", "--url", "http://x", "--fetcher", "grpc://fetcher.local/"));
    }

    @Test
    void unknownOptionsAreAllNamedWithTheOptionMeant() {
        // picocli would report the missing --end alone; the misspelt options are why it is missing.
        assertEquals("fanout: compute: unknown options --from (use --start S), --to (use --end E) (see 'fanout compute --help')",
                usageError("compute", "--from", "0", "--to", "100"));
        assertEquals("fanout: compute: unknown option --to (use --end E) (see 'fanout compute --help')",
                usageError("compute", "--start", "0", "--to=100"));
        assertEquals("fanout: bench: unknown option --threads (use --concurrency N) (see 'fanout bench --help')",
                usageError("bench", "--threads", "4"));
        assertEquals("fanout: compute: unexpected argument '100' (see 'fanout compute --help')", usageError("compute", "--end", "9", "100"));
    }

    @Test
    void durationsTooLongToRepresentAreRefusedNotWrapped() {
        for (String option : new String[] { "--timeout", "--deadline" }) {
            assertEquals("fanout: Invalid value for option '" + option + "': '300000000000000s' is too long: the most is "
                    + "2562047h (about 292 years)", usageError("fetch", "--url", "http://x", option, "300000000000000s"));
        }
    }

    @Test
    void urlListsMustBeGivenOnceAndReadable(@TempDir Path dir) throws Exception {
        Path empty = dir.resolve("empty.txt");
        Files.writeString(empty, "# nothing\n\n");
        assertTrue(usageError("fetch", "--urls-file", empty.toString()).contains("has no URLs"));
        assertTrue(usageError("fetch").contains("no URLs"));
        assertTrue(usageError("fetch", "--urls-file", "/nonexistent/urls.txt").contains("no such file"));
        assertTrue(usageError("fetch", "--url", "http://x", "--urls-file", "-").contains("either --url or --urls-file"));
        assertEquals("fanout: --json and --json-lines cannot be used together: pick one",
                usageError("fetch", "--url", "http://x", "--json", "--json-lines"));
        assertEquals("fanout: --json and --csv cannot be used together: pick one", usageError("bench", "--csv", "--json"));
    }

    private static final String[] COMMANDS = { "", "compute", "fetch", "bench" };

    private static String help(String command, int width) {
        CommandLine cmd = commandLine();
        CommandLine target = command.isEmpty() ? cmd : cmd.getSubcommands().get(command);
        target.setUsageHelpWidth(width);
        return target.getUsageMessage();
    }

    @Test
    void everyHelpListsEveryExitCode() throws Exception {
        // Every code the CLI can exit with is a constant of ExitCodes: each one is in the table of every --help.
        List<String> codes = new ArrayList<>();
        for (Field field : ExitCodes.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == int.class) {
                codes.add(String.valueOf(field.getInt(null)));
            }
        }
        assertEquals(Set.copyOf(codes), ExitCodes.forHelp().keySet());
        for (String command : COMMANDS) {
            String help = help(command, 80);
            assertTrue(help.contains("Exit codes:"), help);
            for (String code : codes) {
                assertTrue(help.lines().anyMatch(l -> l.matches(" +" + code + " +\\S.*")), () -> "exit code " + code + " in\n" + help);
            }
        }
    }

    @Test
    void everyHelpReadsCleanlyAtEightyColumns() {
        for (String command : COMMANDS) {
            String help = help(command, 80);
            help.lines().forEach(l -> assertTrue(l.length() <= 80, () -> l.length() + " columns: '" + l + "' in\n" + help));
            // Text picocli had to wrap restarts at column 0, so lines at column 0 would differ from a wide rendering
            // (the synopsis wraps indented and is left out).
            assertEquals(columnZero(help(command, 300)), columnZero(help), () -> "wrapped at column 0 in\n" + help);
        }
    }

    private static List<String> columnZero(String help) {
        return help.lines().filter(l -> !l.isEmpty() && !l.startsWith(" ") && !l.startsWith("Usage:")).toList();
    }

    @Test
    void theTopLevelHelpListsEachCommandOnce() {
        String help = help("", 80);
        for (String command : new String[] { "compute", "fetch", "bench" }) {
            assertEquals(1, help.lines().filter(l -> l.matches("  " + command + " .*")).count(), help);
        }
    }

    @Test
    void closedChoicesAreListedInTheHelp() {
        assertTrue(help("compute", 300).contains("--mode=MODE            One of: single, cores, pods (default"), help("compute", 300));
        assertTrue(help("fetch", 300).contains("One of: sequential, threads, virtual-threads, reactive, pods (default"));
        String bench = help("bench", 300);
        assertTrue(bench.contains("Bench one service only: compute, fetch."), bench);
        assertTrue(bench.contains("One of: tutorial."), bench);
        assertTrue(bench.contains("of: single, cores, pods, sequential, threads, virtual-threads, reactive (default all"), bench);
    }

    @Test
    void benchHelpNamesEverySkipReasonTheReadmeLists() {
        String bench = String.join(" ", help("bench", 80).lines().map(String::strip).toList());
        assertTrue(bench.contains("skipped with a note: UNIMPLEMENTED, FAILED_PRECONDITION, or UNAVAILABLE while the service "
                + "itself answers (e.g. pods without workers)"), bench);
    }
}
