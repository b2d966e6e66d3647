package dev.fanout.cli.bench;

import java.util.Locale;

/**
 * This run of a mode against the same mode in a baseline file.
 *
 * @param baselineMedianMs the baseline's median service time
 * @param ratio            this run's median / the baseline's: below 1 is faster
 * @param withinNoise      whether the intervals mean ± 2 x stddev of the two runs overlap: then the
 *                         difference is not told apart from run-to-run variation
 */
public record BaselineComparison(double baselineMedianMs, double ratio, boolean withinNoise) {
    /** Standard deviations on each side of a mean that count as noise. */
    static final double NOISE_SIGMAS = 2;

    static BaselineComparison of(Stats now, double baselineMedianMs, double baselineMeanMs, double baselineStddevMs) {
        double gap = Math.abs(now.mean() - baselineMeanMs);
        boolean overlap = gap <= NOISE_SIGMAS * (now.stddev() + baselineStddevMs);
        return new BaselineComparison(baselineMedianMs, now.median() / baselineMedianMs, overlap);
    }

    /** "1.25x faster", "1.10x slower, within noise". */
    public String words() {
        String change = ratio <= 1 ? String.format(Locale.ROOT, "%.2fx faster", 1 / ratio) : String.format(Locale.ROOT, "%.2fx slower", ratio);
        return change + (withinNoise ? ", within noise" : "");
    }
}
