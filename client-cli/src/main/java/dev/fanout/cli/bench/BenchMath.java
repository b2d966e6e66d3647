package dev.fanout.cli.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The bench's arithmetic, free of I/O: speedup over the baseline mode, the ideal time each mode
 * could reach, and the parallel efficiency (ideal time / measured time, 1.0 = at the limit).
 */
public final class BenchMath {
    private BenchMath() {
    }

    /** Little's law bound: with {@code concurrency} downloads in flight, the URLs go in ceil(N / c) waves. */
    public static double fetchIdealMs(int urls, int concurrency, double latencyMs) {
        return Math.ceil(urls / (double) Math.max(1, concurrency)) * latencyMs;
    }

    /** Perfect scaling: the single-core time divided among the threads or workers used. */
    public static double computeIdealMs(double singleMs, int parallelism) {
        return singleMs / Math.max(1, parallelism);
    }

    /** The most a fetch mode can gain over sequential: N URLs in ceil(N / c) waves instead of N. */
    public static double fetchIdealSpeedup(int urls, int concurrency) {
        return urls / Math.ceil(urls / (double) Math.max(1, concurrency));
    }

    /**
     * The most a compute mode can gain over single: min(parts, parallelism), the parts that can run at
     * once; {@code parallelism} is the most threads or workers any mode reported at this parts count.
     */
    public static double computeIdealSpeedup(int parts, int parallelism) {
        return Math.max(1, Math.min(parts, parallelism));
    }

    public static double speedup(double baselineMs, double ms) {
        return baselineMs / ms;
    }

    public static double efficiency(double idealMs, double ms) {
        return idealMs / ms;
    }

    /** Rows for compute: the baseline is "single"; each mode's ideal is single's median / its parallelism. */
    public static List<ModeResult> compute(List<ModeSamples> samples, Map<String, Double> python) {
        double single = baselineMedian(samples, "single").orElse(Double.NaN);
        List<ModeResult> rows = new ArrayList<>();
        for (ModeSamples s : samples) {
            if (!s.ran()) {
                rows.add(skippedRow(s, python));
                continue;
            }
            rows.add(measuredRow(s, single, computeIdealMs(single, s.parallelism()), python));
        }
        return rows;
    }

    /**
     * Rows for fetch: the baseline is "sequential". The latency in each ideal is the mean per-URL time
     * measured sequentially (unloaded); without a sequential run, each mode's own mean.
     */
    public static List<ModeResult> fetch(List<ModeSamples> samples, int urls, Map<String, Double> python) {
        Optional<ModeSamples> sequential = samples.stream().filter(s -> s.ran() && s.mode().equals("sequential")).findFirst();
        double baseline = baselineMedian(samples, "sequential").orElse(Double.NaN);
        List<ModeResult> rows = new ArrayList<>();
        for (ModeSamples s : samples) {
            if (!s.ran()) {
                rows.add(skippedRow(s, python));
                continue;
            }
            double latency = meanUrlMs(sequential.orElse(s));
            rows.add(measuredRow(s, baseline, fetchIdealMs(urls, s.parallelism(), latency), python));
        }
        return rows;
    }

    private static ModeResult measuredRow(ModeSamples s, double baselineMs, double idealMs, Map<String, Double> python) {
        Stats service = Stats.of(s.serviceMs());
        return new ModeResult(s.mode(), service, Stats.of(s.clientMs()), s.parallelism(), speedup(baselineMs, service.median()),
                idealMs, efficiency(idealMs, service.median()), s.failedUrls(), UrlLatency.of(s.urlMs()), null,
                python.getOrDefault(s.mode(), Double.NaN), null);
    }

    private static double meanUrlMs(ModeSamples s) {
        UrlLatency latency = UrlLatency.of(s.urlMs());
        return latency == null ? Double.NaN : latency.mean();
    }

    private static Optional<Double> baselineMedian(List<ModeSamples> samples, String baseline) {
        return samples.stream().filter(s -> s.ran() && s.mode().equals(baseline)).findFirst()
                .map(s -> Stats.of(s.serviceMs()).median());
    }

    private static ModeResult skippedRow(ModeSamples s, Map<String, Double> python) {
        return new ModeResult(s.mode(), null, null, 0, Double.NaN, Double.NaN, Double.NaN, 0, null, s.skipped(),
                python.getOrDefault(s.mode(), Double.NaN), null);
    }
}
