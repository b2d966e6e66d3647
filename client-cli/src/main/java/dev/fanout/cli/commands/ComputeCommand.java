package dev.fanout.cli.commands;

import java.util.concurrent.Callable;

import dev.fanout.cli.ExitCodes;
import dev.fanout.cli.client.ComputeClient;
import dev.fanout.cli.client.ComputeOutcome;
import dev.fanout.cli.client.Service;
import dev.fanout.cli.client.ServiceChannel;
import dev.fanout.cli.options.ComputeAddress;
import dev.fanout.cli.options.ComputeModeConverter;
import dev.fanout.cli.options.DeadlineOption;
import dev.fanout.cli.options.OptionRange;
import dev.fanout.cli.options.TlsOptions;
import dev.fanout.cli.options.TraceOption;
import dev.fanout.cli.render.ComputeOutput;
import dev.fanout.cli.render.ProgressBar;
import dev.fanout.v1.ComputeMode;
import dev.fanout.v1.SumOfSquaresRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "compute", mixinStandardHelpOptions = true,
        description = { "Exact sum of squares of a range (CPU-bound): single, cores or pods.",
                "Sums i * i for every integer i in [S, E), as Python's range(S, E) gives them." })
public class ComputeCommand implements Callable<Integer> {

    @Option(names = "--mode", converter = ComputeModeConverter.class, paramLabel = "MODE",
            completionCandidates = ComputeModeConverter.class,
            description = "One of: ${COMPLETION-CANDIDATES} (default: the service's best).")
    ComputeMode mode = ComputeMode.COMPUTE_MODE_UNSPECIFIED;

    @Option(names = "--start", defaultValue = "0", paramLabel = "S", description = "First integer, inclusive (default ${DEFAULT-VALUE}).")
    long start;

    @Option(names = "--end", required = true, paramLabel = "E", description = "End of the range, exclusive, as in Python's range(S, E).")
    long end;

    @Option(names = "--parts", defaultValue = "0", paramLabel = "N", description = "Parts to split the range into; 0 lets the service choose.")
    int parts;

    @Option(names = "--json", description = "Print one JSON object instead of a table.")
    boolean json;

    @Mixin
    ComputeAddress address;

    @Mixin
    DeadlineOption deadline;

    @Mixin
    TlsOptions tls;

    @Mixin
    TraceOption trace;

    @Override
    public Integer call() {
        OptionRange.atLeast("--parts", parts, 0);
        SumOfSquaresRequest request = SumOfSquaresRequest.newBuilder()
                .setStart(start).setEnd(end).setMode(mode).setParts(parts).build();
        try (ServiceChannel channel = ServiceChannel.open(Service.COMPUTE, address.get(), tls)) {
            ComputeClient client = new ComputeClient(channel, deadline.get(), trace.interceptors());
            ProgressBar bar = ProgressBar.create(!json, "parts");
            ComputeOutcome outcome = bar.enabled() ? client.callWithProgress(request, bar) : client.call(request);
            System.out.println(json ? ComputeOutput.json(request, outcome, trace.id()) : ComputeOutput.human(request, outcome));
            return ExitCodes.OK;
        }
    }
}
