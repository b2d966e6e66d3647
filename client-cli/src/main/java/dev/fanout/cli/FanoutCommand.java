package dev.fanout.cli;

import dev.fanout.cli.bench.BenchCommand;
import dev.fanout.cli.compute.ComputeCommand;
import dev.fanout.cli.fetch.FetchCommand;
import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine.Command;

@TopCommand
@Command(name = "fanout", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        subcommands = { ComputeCommand.class, FetchCommand.class, BenchCommand.class },
        description = {
                "Calls Fanout's services in any concurrency mode and times the modes side by side.",
                "  compute  exact sum of squares of a range (CPU-bound): single, cores, pods",
                "  fetch    download many URLs (I/O-bound): sequential, threads, virtual-threads, reactive, pods",
                "  bench    every mode of both services on one workload, against the ideal" },
        footer = { "", "Service addresses: --compute / --fetcher HOST:PORT, or env FANOUT_COMPUTE / FANOUT_FETCHER.",
                "Run 'fanout COMMAND --help' for a command's options." })
public class FanoutCommand {
}
