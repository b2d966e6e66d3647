package dev.fanout.cli.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.fanout.cli.bench.BenchReport;
import dev.fanout.cli.bench.ModeResult;
import dev.fanout.cli.bench.SuiteResult;
import dev.fanout.cli.bench.SweepResult;

/** The bench as text tables, one per service, with the ideal beside each mode and warnings for noisy runs. */
final class BenchTable {
    private BenchTable() {
    }

    static String render(BenchReport report) {
        StringBuilder out = new StringBuilder();
        for (SuiteResult suite : report.suites()) {
            heading(out, report, suite);
            List<BenchColumns.Column> columns = BenchColumns.of(suite, report.preset() != null);
            List<String> headers = new ArrayList<>(List.of("MODE"));
            columns.forEach(c -> headers.add((c.numeric() ? ">" : "") + c.header()));
            headers.add("NOTE");
            TextTable table = new TextTable(headers.toArray(String[]::new));
            for (ModeResult m : suite.modes()) {
                List<String> cells = new ArrayList<>(List.of(m.mode()));
                cells.addAll(BenchColumns.cells(columns, m));
                cells.add(note(m));
                table.row(cells.toArray(String[]::new));
            }
            out.append(table.render());
            BenchColumns.warnings(suite).forEach(w -> out.append(w).append('\n'));
            out.append('\n');
        }
        for (SweepResult sweep : report.sweeps()) {
            sweepHeading(out, report, sweep);
            out.append(grid(SweepRows.speedupHeaders(sweep), SweepRows.speedups(sweep)));
            out.append("median service time, ms (mean +- stddev)\n");
            out.append(grid(SweepRows.medianHeaders(sweep), SweepRows.medians(sweep)));
            List<List<String>> versus = SweepRows.versusBaseline(sweep);
            if (!versus.isEmpty()) {
                out.append("against the baseline's median (within noise: mean +- 2 x stddev overlap)\n");
                out.append(grid(SweepRows.medianHeaders(sweep), versus));
            }
            SweepRows.notes(sweep).forEach(n -> out.append(n).append('\n'));
            out.append('\n');
        }
        footer(out, report);
        return out.toString();
    }

    static void sweepHeading(StringBuilder out, BenchReport report, SweepResult sweep) {
        out.append(sweep.service()).append(" sweep over ").append(sweep.setting()).append(": ").append(sweep.workload()).append("; ")
                .append(BenchFormat.runs(report)).append(" and value\n");
        out.append("speedup over ").append(sweep.baseline()).append(" at each ").append(sweep.setting()).append("; ideal = ")
                .append(sweep.idealRule()).append('\n');
    }

    /** A sweep grid: the first column (the swept value) and every other are numbers. */
    private static String grid(List<String> headers, List<List<String>> rows) {
        TextTable table = new TextTable(headers.stream().map(h -> ">" + h.toUpperCase(Locale.ROOT)).toArray(String[]::new));
        rows.forEach(r -> table.row(r.toArray(String[]::new)));
        return table.render();
    }

    static void heading(StringBuilder out, BenchReport report, SuiteResult suite) {
        out.append(suite.service()).append(": ").append(suite.workload()).append("; ").append(BenchFormat.runs(report)).append('\n');
        out.append("ideal = ").append(suite.idealRule()).append("; speedup over ").append(suite.baseline())
                .append("; efficiency = ideal / median").append('\n');
    }

    static void footer(StringBuilder out, BenchReport report) {
        if (report.overhead() != null) {
            out.append(BenchFormat.overhead(report.overhead())).append('\n');
        }
        report.notes().forEach(n -> out.append(n).append('\n'));
    }

    static String note(ModeResult m) {
        if (!m.ran()) {
            return "skipped: " + m.skipped();
        }
        return m.failedUrls() > 0 ? m.failedUrls() + " URL downloads failed" : "";
    }
}
