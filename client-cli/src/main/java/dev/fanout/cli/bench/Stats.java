package dev.fanout.cli.bench;

import java.util.Arrays;

/** Median, minimum and maximum of a mode's repetitions, in milliseconds. */
public record Stats(double median, double min, double max) {

    public static Stats of(double[] samples) {
        if (samples.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        double median = sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        return new Stats(median, sorted[0], sorted[sorted.length - 1]);
    }
}
