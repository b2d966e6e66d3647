package dev.fanout.cli.commands;

import dev.fanout.cli.VersionProvider;
import picocli.CommandLine.Command;

@Command(name = "fanout", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        subcommands = { ComputeCommand.class, FetchCommand.class, BenchCommand.class, CompletionCommand.class },
        description = "Calls Fanout's services in any concurrency mode; times the modes side by side.",
        footer = { "", "Service addresses: --compute HOST:PORT and --fetcher HOST:PORT,",
                "or the environment's FANOUT_COMPUTE and FANOUT_FETCHER.",
                "Run 'fanout COMMAND --help' for a command's options." })
public class FanoutCommand {
}
