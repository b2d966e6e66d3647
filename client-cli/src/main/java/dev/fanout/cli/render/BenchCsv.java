package dev.fanout.cli.render;

import java.util.Locale;

import dev.fanout.cli.bench.BenchReport;
import dev.fanout.cli.bench.ModeResult;
import dev.fanout.cli.bench.SuiteResult;
import dev.fanout.cli.bench.SweepResult;
import dev.fanout.cli.bench.UrlLatency;

/** The bench as CSV: a header, then a line per mode of each service; empty cells for what does not apply. */
final class BenchCsv {
    private BenchCsv() {
    }

    static String render(BenchReport report) {
        StringBuilder out = new StringBuilder(
                "service,mode,median_ms,min_ms,max_ms,mean_ms,stddev_ms,client_median_ms,parallelism,speedup,ideal_ms,efficiency,failed_urls,"
                        + "url_p50_ms,url_p90_ms,url_p99_ms,python_s,skipped,swept,value\n");
        report.suites().forEach(suite -> lines(out, suite, ",,"));
        for (SweepResult sweep : report.sweeps()) {
            sweep.points().forEach(p -> lines(out, p.suite(), "," + sweep.setting() + "," + p.value()));
        }
        return out.toString();
    }

    /** A line per mode of one bench; {@code sweep} is the last two cells: the swept setting and its value, if any. */
    private static void lines(StringBuilder out, SuiteResult suite, String sweep) {
        for (ModeResult m : suite.modes()) {
            UrlLatency latency = m.urlLatency();
            out.append(String.join(",", suite.service(), m.mode(),
                    num(m.ran() ? m.service().median() : Double.NaN), num(m.ran() ? m.service().min() : Double.NaN),
                    num(m.ran() ? m.service().max() : Double.NaN), num(m.ran() ? m.service().mean() : Double.NaN),
                    num(m.ran() ? m.service().stddev() : Double.NaN), num(m.ran() ? m.client().median() : Double.NaN),
                    m.ran() ? String.valueOf(m.parallelism()) : "", num(m.speedup()), num(m.idealMs()),
                    num(m.efficiency()), String.valueOf(m.failedUrls()), num(latency == null ? Double.NaN : latency.p50()),
                    num(latency == null ? Double.NaN : latency.p90()), num(latency == null ? Double.NaN : latency.p99()),
                    num(m.pythonSeconds()), quote(m.skipped())))
                    .append(sweep).append('\n');
        }
    }

    private static String num(double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.3f", value);
    }

    private static String quote(String text) {
        return text == null ? "" : '"' + text.replace("\"", "\"\"") + '"';
    }
}
