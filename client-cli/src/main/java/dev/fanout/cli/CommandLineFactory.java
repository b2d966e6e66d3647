package dev.fanout.cli;

import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.fanout.cli.commands.BenchCommand;
import dev.fanout.cli.commands.CompletionCommand;
import dev.fanout.cli.commands.ComputeCommand;
import dev.fanout.cli.commands.FanoutCommand;
import dev.fanout.cli.commands.FetchCommand;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** Builds the CommandLine {@link Main} runs: error handlers and the exit codes shown in every --help. */
final class CommandLineFactory {

    /** Arguments that print only the top command's own help or version. */
    private static final Set<String> TOP_LEVEL_ONLY = Set.of("-h", "--help", "-V", "--version");

    private CommandLineFactory() {
    }

    /** fanout's whole command line: every subcommand. */
    static CommandLine create() {
        return create(new String[0]);
    }

    /** fanout's command line for these arguments, as {@link Main} runs it. */
    static CommandLine create(String... args) {
        CommandLine cmd = new CommandLine(new FanoutCommand());
        subcommandsFor(args).forEach(cmd::addSubcommand);
        return configure(cmd);
    }

    /**
     * Every subcommand, in the order --help lists them; but only the one named when it calls a service,
     * and for the top-level help or version only what that prints: picocli reads each option of each
     * subcommand it is given, by reflection, which is a third of a short run. {@code completion} writes
     * the whole tree, so it gets all of them, as does a mistyped name (whose error suggests the nearest).
     */
    private static List<Object> subcommandsFor(String[] args) {
        List<Object> all = List.of(new ComputeCommand(), new FetchCommand(), new BenchCommand(), new CompletionCommand());
        if (args.length == 1 && TOP_LEVEL_ONLY.contains(args[0])) {
            return all.stream().<Object>map(CommandLineFactory::listing).toList();
        }
        if (args.length > 0) {
            for (Object sub : all) {
                if (!(sub instanceof CompletionCommand) && command(sub).name().equals(args[0])) {
                    return List.of(sub);
                }
            }
        }
        return all;
    }

    private static CommandLine.Command command(Object sub) {
        return sub.getClass().getAnnotation(CommandLine.Command.class);
    }

    /** A subcommand as the top-level help lists it, its name and description, its options unread. */
    private static CommandSpec listing(Object sub) {
        CommandSpec spec = CommandSpec.wrapWithoutInspection(sub).name(command(sub).name());
        spec.usageMessage().description(command(sub).description());
        return spec;
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
