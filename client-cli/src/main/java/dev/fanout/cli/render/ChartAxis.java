package dev.fanout.cli.render;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The time axis of a bench chart: linear from 0 with round ticks (1, 2, 2.5 or 5 times a power of ten),
 * or logarithmic when one bar would dwarf another, so the small ones stay readable.
 *
 * @param log   whether the axis is logarithmic (bars then start at {@code min}, not at 0)
 * @param min   the value at the axis's left end, in ms
 * @param max   the value at its right end, in ms
 * @param ticks the values that get a gridline and a label, ascending
 */
record ChartAxis(boolean log, double min, double max, List<Double> ticks) {
    /** Past this ratio of the largest to the smallest bar, the smallest would be a sliver on a linear axis. */
    static final double LOG_RATIO = 10;
    private static final int LINEAR_TICKS = 5;

    /**
     * An axis for bars of {@code barValues} (medians, Python timings) that also reaches every value of
     * {@code allValues} (whisker ends, ideals). Values that are not positive and finite are left out.
     */
    static ChartAxis of(List<Double> barValues, List<Double> allValues) {
        List<Double> bars = barValues.stream().filter(ChartAxis::drawable).toList();
        List<Double> all = Stream.concat(bars.stream(), allValues.stream()).filter(ChartAxis::drawable).toList();
        if (all.isEmpty()) {
            return new ChartAxis(false, 0, 1, List.of(0.0, 1.0));
        }
        double hi = all.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        double smallestBar = bars.stream().mapToDouble(Double::doubleValue).min().orElse(hi);
        return hi / smallestBar > LOG_RATIO ? logarithmic(all.stream().mapToDouble(Double::doubleValue).min().orElseThrow(), hi)
                : linear(hi);
    }

    private static boolean drawable(Double v) {
        return v != null && Double.isFinite(v) && v > 0;
    }

    static ChartAxis linear(double hi) {
        double step = roundStep(hi / LINEAR_TICKS);
        int steps = (int) Math.ceil(hi / step - 1e-9);
        List<Double> ticks = new ArrayList<>();
        for (int i = 0; i <= steps; i++) {
            ticks.add(round(i * step));
        }
        return new ChartAxis(false, 0, ticks.getLast(), ticks);
    }

    /**
     * Decades from one below the smallest value's to above the largest, 2 and 5 between them when
     * there are few. Bars start at the left end: a decade of room keeps the shortest one a bar.
     */
    private static ChartAxis logarithmic(double lo, double hi) {
        int first = (int) Math.floor(Math.log10(lo)) - 1;
        int last = Math.max(first + 1, (int) Math.ceil(Math.log10(hi)));
        boolean fine = last - first <= 3;
        List<Double> ticks = new ArrayList<>();
        for (int e = first; e <= last; e++) {
            double decade = round(Math.pow(10, e));
            ticks.add(decade);
            if (fine && e < last) {
                ticks.add(round(2 * decade));
                ticks.add(round(5 * decade));
            }
        }
        return new ChartAxis(true, ticks.getFirst(), ticks.getLast(), ticks);
    }

    /** 1, 2, 2.5 or 5 times a power of ten, at least {@code raw}. */
    static double roundStep(double raw) {
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / power;
        return round((f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * power);
    }

    /** Drops binary floating-point noise (0.30000000000000004 is 0.3). */
    private static double round(double v) {
        return new BigDecimal(v).round(new MathContext(9)).doubleValue();
    }

    /** Where {@code ms} falls between the axis's ends, 0 at the left and 1 at the right. */
    double fraction(double ms) {
        if (log) {
            double clamped = Math.max(ms, min);
            return (Math.log10(clamped) - Math.log10(min)) / (Math.log10(max) - Math.log10(min));
        }
        return ms / max;
    }

    /** A tick's label: 0, 0.5, 20, 1,000. */
    static String label(double tick) {
        if (tick >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", tick);
        }
        return new BigDecimal(tick).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }
}
