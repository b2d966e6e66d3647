package dev.fanout.cli.bench;

/**
 * One row of the bench: a mode's timings beside its ideal. Ratios are NaN when there is no
 * baseline to compare with; {@code urlLatency} is the distribution of per-URL times in this mode
 * (fetch only, else null); {@code pythonSeconds} is the tutorial's timing for the matching model, NaN
 * when it has none or no preset is used; {@code versusBaseline} compares with a --baseline file's run
 * of the same mode, null without one.
 */
public record ModeResult(String mode, Stats service, Stats client, int parallelism, double speedup, double idealMs,
        double efficiency, int failedUrls, UrlLatency urlLatency, String skipped, double pythonSeconds,
        BaselineComparison versusBaseline) {

    public boolean ran() {
        return skipped == null;
    }

    ModeResult withBaseline(BaselineComparison comparison) {
        return new ModeResult(mode, service, client, parallelism, speedup, idealMs, efficiency, failedUrls, urlLatency, skipped,
                pythonSeconds, comparison);
    }
}
