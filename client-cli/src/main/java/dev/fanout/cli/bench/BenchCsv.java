package dev.fanout.cli.bench;

import java.util.Locale;

/** The bench as CSV: a header, then a line per mode of each service; empty cells for what does not apply. */
final class BenchCsv {
    private BenchCsv() {
    }

    static String render(BenchReport report) {
        StringBuilder out = new StringBuilder(
                "service,mode,median_ms,min_ms,max_ms,client_median_ms,parallelism,speedup,ideal_ms,efficiency,failed_urls,python_s,skipped\n");
        for (SuiteResult suite : report.suites()) {
            for (ModeResult m : suite.modes()) {
                out.append(String.join(",", suite.service(), m.mode(),
                        num(m.ran() ? m.service().median() : Double.NaN), num(m.ran() ? m.service().min() : Double.NaN),
                        num(m.ran() ? m.service().max() : Double.NaN), num(m.ran() ? m.client().median() : Double.NaN),
                        m.ran() ? String.valueOf(m.parallelism()) : "", num(m.speedup()), num(m.idealMs()),
                        num(m.efficiency()), String.valueOf(m.failedUrls()), num(m.pythonSeconds()), quote(m.skipped())))
                        .append('\n');
            }
        }
        return out.toString();
    }

    private static String num(double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.3f", value);
    }

    private static String quote(String text) {
        return text == null ? "" : '"' + text.replace("\"", "\"\"") + '"';
    }
}
