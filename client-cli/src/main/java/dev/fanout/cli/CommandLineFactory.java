package dev.fanout.cli;

import java.util.Map;

import io.quarkus.picocli.runtime.PicocliCommandLineFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import picocli.CommandLine;

/** Configures the CommandLine Quarkus runs: error handlers and the exit codes shown in every --help. */
@ApplicationScoped
class CommandLineFactory {

    @Produces
    CommandLine commandLine(PicocliCommandLineFactory factory) {
        return configure(factory.create());
    }

    /** Everything fanout sets on picocli's CommandLine; tests parse with it without Quarkus. */
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
