package dev.fanout.cli.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A mode's repetitions in milliseconds, summarised as hyperfine does: median, min, max, mean and
 * sample standard deviation, plus how many runs are outliers by the IQR rule (below Q1 - 1.5 x IQR
 * or above Q3 + 1.5 x IQR, quartiles interpolated linearly).
 *
 * @param samples the runs in the order they ran, for others to re-analyse
 */
public record Stats(double median, double min, double max, double mean, double stddev, int outliers, List<Double> samples) {
    /** Past this coefficient of variation (stddev / mean) the runs are called too noisy to trust. */
    static final double NOISY_CV = 0.10;
    /** The IQR rule needs a few runs to have quartiles worth the name. */
    private static final int MIN_RUNS_FOR_OUTLIERS = 4;

    public static Stats of(double[] samples) {
        if (samples.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(sorted).average().orElseThrow();
        double squares = Arrays.stream(sorted).map(v -> (v - mean) * (v - mean)).sum();
        double stddev = sorted.length > 1 ? Math.sqrt(squares / (sorted.length - 1)) : 0;
        int outliers = 0;
        if (sorted.length >= MIN_RUNS_FOR_OUTLIERS) {
            double q1 = quantile(sorted, 0.25);
            double q3 = quantile(sorted, 0.75);
            double fence = 1.5 * (q3 - q1);
            outliers = (int) Arrays.stream(sorted).filter(v -> v < q1 - fence || v > q3 + fence).count();
        }
        return new Stats(quantile(sorted, 0.5), sorted[0], sorted[sorted.length - 1], mean, stddev, outliers,
                Arrays.stream(samples).boxed().toList());
    }

    /** The q-quantile of sorted values, interpolated between neighbours (the median of an even count is their mean). */
    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int below = (int) Math.floor(pos);
        int above = Math.min(sorted.length - 1, below + 1);
        return sorted[below] + (pos - below) * (sorted[above] - sorted[below]);
    }

    /** Why these runs should not be trusted as they are, if they should not: too much spread, or outliers. */
    public Optional<String> warning() {
        double cv = mean > 0 ? stddev / mean : 0;
        if (cv > NOISY_CV) {
            return Optional.of(String.format(Locale.ROOT, "runs vary: stddev is %.0f%% of the mean (over %.0f%%)", cv * 100, NOISY_CV * 100));
        }
        if (outliers > 0) {
            return Optional.of(outliers + " of " + samples.size() + " runs " + (outliers == 1 ? "is an outlier" : "are outliers")
                    + " (beyond 1.5 x IQR from the quartiles)");
        }
        return Optional.empty();
    }
}
