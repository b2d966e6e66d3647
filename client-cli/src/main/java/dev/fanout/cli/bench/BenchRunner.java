package dev.fanout.cli.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.fanout.cli.compute.ComputeClient;
import dev.fanout.cli.compute.ComputeOutcome;
import dev.fanout.cli.fetch.FetchClient;
import dev.fanout.cli.fetch.FetchOutcome;
import dev.fanout.cli.support.Durations;
import dev.fanout.cli.support.ModeNames;
import dev.fanout.cli.support.ProgressBar;
import dev.fanout.cli.support.ServiceChannel;
import dev.fanout.v1.ComputeMode;
import dev.fanout.v1.FetchMode;
import dev.fanout.v1.FetchRequest;
import dev.fanout.v1.FetchResult;
import dev.fanout.v1.SumOfSquaresRequest;
import io.grpc.ConnectivityState;
import io.grpc.StatusRuntimeException;

/**
 * Runs each mode: warm-up calls, then the measured repetitions. A mode the service answers with
 * UNIMPLEMENTED or FAILED_PRECONDITION (or UNAVAILABLE while the service itself is up, e.g. pods
 * without workers) is skipped with a note; any other failure ends the bench.
 */
final class BenchRunner {
    private final int warmup;
    private final int repeat;
    private final Duration deadline;
    private final ProgressBar bar;
    private final int totalRuns;
    private int runsDone;

    BenchRunner(int warmup, int repeat, Duration deadline, ProgressBar bar, int modes) {
        this.warmup = warmup;
        this.repeat = repeat;
        this.deadline = deadline;
        this.bar = bar;
        this.totalRuns = modes * (warmup + repeat);
    }

    ModeSamples compute(ComputeClient client, SumOfSquaresRequest template, ComputeMode mode) {
        SumOfSquaresRequest request = template.toBuilder().setMode(mode).build();
        double[] service = new double[repeat];
        double[] observed = new double[repeat];
        int parallelism = 1;
        try {
            for (int i = 0; i < warmup + repeat; i++) {
                ComputeOutcome outcome = client.call(request);
                tick();
                if (i >= warmup) {
                    service[i - warmup] = outcome.serviceMs();
                    observed[i - warmup] = outcome.clientMs();
                    parallelism = Math.max(1, outcome.response().getParallelism());
                }
            }
        } catch (StatusRuntimeException e) {
            return skipOrFail(client.channel(), ModeNames.name(mode), e);
        }
        return new ModeSamples(ModeNames.name(mode), service, observed, parallelism, 0, new double[0], null);
    }

    ModeSamples fetch(FetchClient client, ServiceChannel channel, FetchRequest template, FetchMode mode) {
        FetchRequest request = template.toBuilder().setMode(mode).build();
        double[] service = new double[repeat];
        double[] observed = new double[repeat];
        int concurrency = 1;
        int failed = 0;
        List<Double> urlMs = new ArrayList<>();
        try {
            for (int i = 0; i < warmup + repeat; i++) {
                FetchOutcome outcome = client.fetch(request, r -> { });
                tick();
                if (i >= warmup) {
                    service[i - warmup] = outcome.serviceMs();
                    observed[i - warmup] = outcome.clientMs();
                    concurrency = Math.max(1, outcome.summary().getConcurrency());
                    failed += outcome.summary().getFailed();
                    for (FetchResult r : outcome.results()) {
                        urlMs.add(Durations.millis(r.getElapsed()));
                    }
                }
            }
        } catch (StatusRuntimeException e) {
            return skipOrFail(channel, ModeNames.name(mode), e);
        }
        return new ModeSamples(ModeNames.name(mode), service, observed, concurrency, failed,
                urlMs.stream().mapToDouble(Double::doubleValue).toArray(), null);
    }

    private ModeSamples skipOrFail(ServiceChannel channel, String mode, StatusRuntimeException e) {
        boolean skippable = switch (e.getStatus().getCode()) {
            // UNIMPLEMENTED from an address that serves the other service is no mode's doing: stop there.
            case UNIMPLEMENTED -> channel.wrongService().isEmpty();
            case FAILED_PRECONDITION -> true;
            // The connection is up, so the service itself said this mode cannot run now.
            case UNAVAILABLE -> channel.channel().getState(false) == ConnectivityState.READY;
            default -> false;
        };
        if (!skippable) {
            throw channel.failure(e, deadline);
        }
        runsDone += warmup + repeat - runsDoneInMode();
        return ModeSamples.skipped(mode, e.getStatus().getCode() + ": " + ServiceChannel.reason(e.getStatus()));
    }

    /** Runs of the current mode already ticked: the bar advances by whole modes when one is skipped. */
    private int runsDoneInMode() {
        return runsDone % (warmup + repeat);
    }

    private void tick() {
        runsDone++;
        bar.update(runsDone, totalRuns);
    }
}
