package dev.fanout.cli.compute;

import java.util.concurrent.Callable;

import dev.fanout.cli.support.ComputeAddress;
import dev.fanout.cli.support.ComputeModeConverter;
import dev.fanout.cli.support.DeadlineOption;
import dev.fanout.cli.support.ExitCodes;
import dev.fanout.cli.support.ModeNames;
import dev.fanout.cli.support.OptionRange;
import dev.fanout.cli.support.ProgressBar;
import dev.fanout.cli.support.Service;
import dev.fanout.cli.support.ServiceChannel;
import dev.fanout.cli.support.TlsOptions;
import dev.fanout.v1.ComputeMode;
import dev.fanout.v1.SumOfSquaresRequest;
import io.grpc.StatusRuntimeException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "compute", mixinStandardHelpOptions = true,
        description = { "Exact sum of squares of a range (CPU-bound): single, cores or pods.",
                "Sums i * i for every integer i in [S, E), as Python's range(S, E) gives them." })
public class ComputeCommand implements Callable<Integer> {

    @Option(names = "--mode", converter = ComputeModeConverter.class, paramLabel = "MODE",
            completionCandidates = ModeNames.ComputeChoices.class,
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

    @Override
    public Integer call() {
        OptionRange.atLeast("--parts", parts, 0);
        SumOfSquaresRequest request = SumOfSquaresRequest.newBuilder()
                .setStart(start).setEnd(end).setMode(mode).setParts(parts).build();
        try (ServiceChannel channel = ServiceChannel.open(Service.COMPUTE, address.get(), tls)) {
            ComputeClient client = new ComputeClient(channel, deadline.get());
            ProgressBar bar = ProgressBar.create(!json, "parts");
            try {
                ComputeOutcome outcome = bar.enabled() ? client.callWithProgress(request, bar) : client.call(request);
                System.out.println(json ? ComputeOutput.json(request, outcome) : ComputeOutput.human(request, outcome));
                return ExitCodes.OK;
            } catch (StatusRuntimeException e) {
                throw channel.failure(e, deadline.get());
            }
        }
    }
}
