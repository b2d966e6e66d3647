package dev.fanout.cli.render;

import java.util.Locale;

import dev.fanout.cli.bench.BenchReport;
import dev.fanout.cli.bench.Overhead;

/** How the bench's numbers read in tables, CSV and HTML: "-" for what does not apply. */
final class BenchFormat {
    private BenchFormat() {
    }

    static String ms(double value) {
        return Double.isNaN(value) ? "-" : Numbers.ms(value);
    }

    static String speedup(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.2fx", value);
    }

    static String percent(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.0f%%", value * 100);
    }

    static String seconds(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.2f", value);
    }

    static String runs(BenchReport report) {
        return report.repeat() + " runs after " + report.warmup() + " warm-up" + (report.warmup() == 1 ? "" : "s") + " per mode";
    }

    static String overhead(Overhead o) {
        return String.format(Locale.ROOT,
                "client overhead per call (%d calls over [0, 1000)): p50 %,.0f us, p99 %,.0f us"
                        + " (client-observed minus service time); round trip p50 %,.0f us, p99 %,.0f us",
                o.calls(), o.p50Us(), o.p99Us(), o.roundTripP50Us(), o.roundTripP99Us());
    }
}
