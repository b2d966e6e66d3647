package dev.fanout.cli.render;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.fanout.cli.bench.BaselineComparison;
import dev.fanout.cli.bench.BenchReport;
import dev.fanout.cli.bench.ModeResult;
import dev.fanout.cli.bench.Overhead;
import dev.fanout.cli.bench.SuiteResult;
import dev.fanout.cli.bench.SweepResult;
import dev.fanout.cli.bench.UrlLatency;

/** The bench as one JSON object: a key per service with its modes, and the client overhead. */
final class BenchJson {
    private BenchJson() {
    }

    static String render(BenchReport report) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("preset", report.preset());
        doc.put("warmup", report.warmup());
        doc.put("repeat", report.repeat());
        for (SuiteResult suite : report.suites()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("baseline", suite.baseline());
            s.put("workload", suite.workload());
            s.put("ideal", suite.idealRule());
            s.put("modes", suite.modes().stream().map(BenchJson::mode).toList());
            doc.put(suite.service(), s);
        }
        for (SweepResult sweep : report.sweeps()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("baseline", sweep.baseline());
            s.put("workload", sweep.workload());
            s.put("ideal", sweep.idealRule());
            s.put("swept", sweep.setting());
            s.put("sweep", sweep.points().stream().map(p -> {
                Map<String, Object> point = new LinkedHashMap<>();
                point.put("value", p.value());
                point.put("ideal_speedup", p.idealSpeedup());
                point.put("modes", p.suite().modes().stream().map(BenchJson::mode).toList());
                return point;
            }).toList());
            doc.put(sweep.service(), s);
        }
        if (report.overhead() != null) {
            Overhead o = report.overhead();
            Map<String, Object> overhead = new LinkedHashMap<>();
            overhead.put("calls", o.calls());
            overhead.put("p50_us", o.p50Us());
            overhead.put("p99_us", o.p99Us());
            overhead.put("round_trip_p50_us", o.roundTripP50Us());
            overhead.put("round_trip_p99_us", o.roundTripP99Us());
            doc.put("client_overhead", overhead);
        }
        doc.put("notes", report.notes());
        return Json.write(doc);
    }

    private static Map<String, Object> mode(ModeResult m) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("mode", m.mode());
        json.put("skipped", m.skipped());
        json.put("median_ms", m.ran() ? m.service().median() : null);
        json.put("min_ms", m.ran() ? m.service().min() : null);
        json.put("max_ms", m.ran() ? m.service().max() : null);
        json.put("mean_ms", m.ran() ? m.service().mean() : null);
        json.put("stddev_ms", m.ran() ? m.service().stddev() : null);
        json.put("samples_ms", m.ran() ? m.service().samples() : null);
        json.put("outliers", m.ran() ? m.service().outliers() : null);
        json.put("warning", m.ran() ? m.service().warning().orElse(null) : null);
        json.put("client_median_ms", m.ran() ? m.client().median() : null);
        json.put("client_min_ms", m.ran() ? m.client().min() : null);
        json.put("client_max_ms", m.ran() ? m.client().max() : null);
        json.put("client_samples_ms", m.ran() ? m.client().samples() : null);
        json.put("parallelism", m.ran() ? m.parallelism() : null);
        json.put("speedup", m.speedup());
        json.put("ideal_ms", m.idealMs());
        json.put("efficiency", m.efficiency());
        json.put("failed_urls", m.failedUrls());
        json.put("url_latency_ms", latency(m.urlLatency()));
        json.put("python_s", m.pythonSeconds());
        if (m.versusBaseline() != null) {
            BaselineComparison b = m.versusBaseline();
            Map<String, Object> baseline = new LinkedHashMap<>();
            baseline.put("median_ms", b.baselineMedianMs());
            baseline.put("ratio", b.ratio());
            baseline.put("within_noise", b.withinNoise());
            json.put("baseline", baseline);
        }
        return json;
    }

    /** Per-URL times of a fetch mode; null for compute. */
    private static Map<String, Object> latency(UrlLatency latency) {
        if (latency == null) {
            return null;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("p50", latency.p50());
        json.put("p90", latency.p90());
        json.put("p99", latency.p99());
        json.put("mean", latency.mean());
        return json;
    }
}
