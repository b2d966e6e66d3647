package dev.fanout.cli.bench;

/**
 * One row of the bench: a mode's timings beside its ideal. Ratios are NaN when there is no
 * baseline to compare with; {@code urlLatencyMs} is the mean per-URL time in this mode (fetch only);
 * {@code pythonSeconds} is the tutorial's timing for the matching model, NaN when it has none or no
 * preset is used.
 */
public record ModeResult(String mode, Stats service, Stats client, int parallelism, double speedup, double idealMs,
        double efficiency, int failedUrls, double urlLatencyMs, String skipped, double pythonSeconds) {

    public boolean ran() {
        return skipped == null;
    }
}
