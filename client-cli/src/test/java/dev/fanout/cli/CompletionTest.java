package dev.fanout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The completion script as generated from the command model, and as bash runs it: sourced into a
 * real bash, its function completes commands, options and an option's closed choices.
 */
@CliTest
class CompletionTest {

    @Test
    void theScriptListsEveryCommandAndOption(Launcher launcher) {
        LaunchResult bash = launcher.launch("completion", "bash");
        assertEquals(0, bash.exitCode(), bash.getErrorOutput());
        String script = bash.getOutput();
        for (String expected : List.of("compute", "fetch", "bench", "completion", "--concurrency", "--parts", "--baseline",
                "--export-markdown", "--html", "--json", "--csv", "--modes", "--compute", "--fetcher", "virtual-threads")) {
            assertTrue(script.contains(expected), () -> "missing '" + expected + "' in the script");
        }
        // One script serves zsh too: it turns on zsh's bash-completion emulation itself.
        LaunchResult zsh = launcher.launch("completion", "zsh");
        assertEquals(0, zsh.exitCode(), zsh.getErrorOutput());
        assertTrue(zsh.getOutput().contains("bashcompinit"), "zsh support");
    }

    @Test
    void bashCompletesCommandsOptionsAndChoices(Launcher launcher, @TempDir Path dir) throws Exception {
        Path script = dir.resolve("fanout-completion.bash");
        Files.writeString(script, launcher.launch("completion", "bash").getOutput());
        assertEquals("compute completion", complete(script, "fanout", "co"));
        assertEquals("--export-markdown", complete(script, "fanout", "bench", "--ex"));
        assertEquals("single cores pods", complete(script, "fanout", "compute", "--mode", ""));
    }

    @Test
    void anUnknownShellIsAOneLineUsageError(Launcher launcher) {
        String error = Cli.oneLineError(launcher.launch("completion", "fish"), 2);
        assertTrue(error.contains("fish") && error.contains("bash") && error.contains("zsh"), error);
    }

    /** What bash offers for the last word, as the sourced script's completion function computes it. */
    private static String complete(Path script, String... words) throws Exception {
        String line = String.join(" ", words);
        String command = "source " + script + "; COMP_WORDS=(" + quoted(words) + "); COMP_CWORD=" + (words.length - 1)
                + "; COMP_LINE='" + line + "'; COMP_POINT=" + line.length() + "; _complete_fanout; echo \"${COMPREPLY[*]}\"";
        // stderr: bash's compopt complains outside a real completion, which changes nothing.
        Process bash = new ProcessBuilder("bash", "-c", command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(bash.waitFor(20, TimeUnit.SECONDS), "bash did not finish");
        return out;
    }

    private static String quoted(String... words) {
        StringBuilder out = new StringBuilder();
        for (String w : words) {
            out.append('\'').append(w).append("' ");
        }
        return out.toString().strip();
    }
}
