package dev.fanout.cli.commands;

import java.util.concurrent.Callable;

import dev.fanout.cli.ExitCodes;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Prints a shell completion script generated from the command model (picocli's AutoComplete), so
 * it lists exactly the commands, options and choices this build has. One script serves both shells:
 * under zsh it loads zsh's bash-completion emulation (bashcompinit) itself.
 */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = { "Prints a completion script for bash or zsh: commands, options and their choices.", "",
                "  bash:  source <(fanout completion bash)     (e.g. in ~/.bashrc)",
                "  zsh:   source <(fanout completion zsh)      (e.g. in ~/.zshrc)", "" })
public class CompletionCommand implements Callable<Integer> {
    /** The shells the script supports. */
    enum Shell {
        bash, zsh
    }

    @Parameters(paramLabel = "SHELL", description = "One of: ${COMPLETION-CANDIDATES}.")
    Shell shell;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        System.out.print(AutoComplete.bash(spec.root().name(), spec.root().commandLine()));
        return ExitCodes.OK;
    }
}
