package dev.fanout.cli.bench;

import org.HdrHistogram.Histogram;

/**
 * The distribution of the per-URL times of a fetch mode over all its measured runs, in
 * milliseconds: percentiles from an HdrHistogram (microseconds, 3 significant digits) and the mean,
 * which is the latency in the fetch ideal.
 */
public record UrlLatency(double mean, double p50, double p90, double p99) {
    /** Microseconds up to an hour. */
    private static final long HIGHEST_US = 3_600_000_000L;

    /** Null when there are no times (a compute mode, or a fetch that returned no results). */
    public static UrlLatency of(double[] urlMs) {
        if (urlMs.length == 0) {
            return null;
        }
        Histogram histogram = new Histogram(HIGHEST_US, 3);
        double sum = 0;
        for (double ms : urlMs) {
            histogram.recordValue(Math.min(HIGHEST_US, Math.max(0, Math.round(ms * 1_000))));
            sum += ms;
        }
        return new UrlLatency(sum / urlMs.length, percentile(histogram, 50), percentile(histogram, 90), percentile(histogram, 99));
    }

    private static double percentile(Histogram histogram, double p) {
        return histogram.getValueAtPercentile(p) / 1_000.0;
    }
}
