package dev.fanout.cli.commands;

import dev.fanout.cli.VersionProvider;
import picocli.CommandLine.Command;

/** The top command; its subcommands are added by CommandLineFactory (only the one a call needs). */
@Command(name = "fanout", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Calls Fanout's services in any concurrency mode; times the modes side by side.",
        footer = { "", "Service addresses: --compute HOST:PORT and --fetcher HOST:PORT,",
                "or the environment's FANOUT_COMPUTE and FANOUT_FETCHER.",
                "Run 'fanout COMMAND --help' for a command's options." })
public class FanoutCommand {
}
