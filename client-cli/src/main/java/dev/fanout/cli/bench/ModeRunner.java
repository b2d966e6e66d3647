package dev.fanout.cli.bench;

import java.util.ArrayList;
import java.util.List;

import dev.fanout.cli.client.CallFailure;
import dev.fanout.cli.client.ComputeClient;
import dev.fanout.cli.client.ComputeOutcome;
import dev.fanout.cli.client.FetchClient;
import dev.fanout.cli.client.FetchOutcome;
import dev.fanout.cli.render.ProgressBar;
import dev.fanout.v1.ComputeMode;
import dev.fanout.v1.FetchMode;
import dev.fanout.v1.FetchRequest;
import dev.fanout.v1.FetchResult;
import dev.fanout.v1.SumOfSquaresRequest;
import dev.fanout.v1.support.Labels;
import dev.fanout.v1.support.ProtoDurations;

/**
 * Runs one mode: warm-up calls, then the measured repetitions. A mode the service says it cannot run
 * ({@link CallFailure#modeUnavailable()}) is skipped with a note; any other failure ends the bench.
 */
final class ModeRunner {
    private final int warmup;
    private final int repeat;
    private final ProgressBar bar;
    private final int totalRuns;
    private int runsDone;

    ModeRunner(int warmup, int repeat, ProgressBar bar, int totalRuns) {
        this.warmup = warmup;
        this.repeat = repeat;
        this.bar = bar;
        this.totalRuns = totalRuns;
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
        } catch (CallFailure e) {
            return skipOrFail(Labels.of(mode), e);
        }
        return new ModeSamples(Labels.of(mode), service, observed, parallelism, 0, new double[0], null);
    }

    ModeSamples fetch(FetchClient client, FetchRequest template, FetchMode mode) {
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
                        urlMs.add(ProtoDurations.millis(r.getElapsed()));
                    }
                }
            }
        } catch (CallFailure e) {
            return skipOrFail(Labels.of(mode), e);
        }
        return new ModeSamples(Labels.of(mode), service, observed, concurrency, failed,
                urlMs.stream().mapToDouble(Double::doubleValue).toArray(), null);
    }

    private ModeSamples skipOrFail(String mode, CallFailure e) {
        if (!e.modeUnavailable()) {
            throw e;
        }
        runsDone += warmup + repeat - runsDoneInMode();
        return ModeSamples.skipped(mode, e.code() + ": " + e.reason());
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
