package dev.fanout.cli;

import java.util.Map;

import dev.fanout.cli.commands.FanoutCommand;
import picocli.CommandLine;

/** Builds the CommandLine {@link Main} runs: error handlers and the exit codes shown in every --help. */
final class CommandLineFactory {

    private CommandLineFactory() {
    }

    /** fanout's command line, as users run it. */
    static CommandLine create() {
        return configure(new CommandLine(new FanoutCommand()));
    }

    /** Everything fanout sets on picocli's CommandLine; tests parse with it too. */
    static CommandLine configure(CommandLine cmd) {
        CliErrorHandlers handlers = new CliErrorHandlers();
        cmd.setParameterExceptionHandler(handlers)
                .setExecutionExceptionHandler(handlers)
                .setCaseInsensitiveEnumValuesAllowed(true);
        Interruption.install(cmd.getErr());
        CommandLine.IExecutionStrategy run = new CommandLine.RunLast();
        cmd.setExecutionStrategy(parsed -> Interruption.run(() -> run.execute(parsed), cmd.getErr()));
        addExitCodes(cmd, ExitCodes.forHelp());
        return cmd;
    }

    private static void addExitCodes(CommandLine cmd, Map<String, String> codes) {
        cmd.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(codes);
        cmd.getSubcommands().values().forEach(sub -> addExitCodes(sub, codes));
    }
}
