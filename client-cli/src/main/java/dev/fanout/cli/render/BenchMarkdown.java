package dev.fanout.cli.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.fanout.cli.bench.BenchReport;
import dev.fanout.cli.bench.ModeResult;
import dev.fanout.cli.bench.SuiteResult;
import dev.fanout.cli.bench.SweepResult;

/** The bench as Markdown (--export-markdown): the text table's columns as pipe tables, for pasting into an issue. */
final class BenchMarkdown {
    private BenchMarkdown() {
    }

    static String render(BenchReport report) {
        StringBuilder out = new StringBuilder("# fanout bench\n\n");
        for (SuiteResult suite : report.suites()) {
            out.append("## ").append(suite.service()).append("\n\n");
            StringBuilder heading = new StringBuilder();
            BenchTable.heading(heading, report, suite);
            heading.toString().lines().forEach(l -> out.append(cell(l)).append("  \n"));
            out.append('\n');
            List<BenchColumns.Column> columns = BenchColumns.of(suite, report.preset() != null);
            List<String> headers = new ArrayList<>(List.of("mode"));
            List<String> rule = new ArrayList<>(List.of(":---"));
            for (BenchColumns.Column c : columns) {
                headers.add(c.header().toLowerCase(Locale.ROOT));
                rule.add(c.numeric() ? "---:" : ":---");
            }
            headers.add("note");
            rule.add(":---");
            out.append(line(headers)).append(line(rule));
            for (ModeResult m : suite.modes()) {
                List<String> cells = new ArrayList<>(List.of(m.mode()));
                cells.addAll(BenchColumns.cells(columns, m));
                cells.add(BenchTable.note(m));
                out.append(line(cells));
            }
            out.append('\n');
            BenchColumns.warnings(suite).forEach(w -> out.append("> ").append(cell(w)).append('\n'));
            out.append('\n');
        }
        for (SweepResult sweep : report.sweeps()) {
            out.append("## ").append(sweep.service()).append(" sweep over ").append(sweep.setting()).append("\n\n");
            StringBuilder heading = new StringBuilder();
            BenchTable.sweepHeading(heading, report, sweep);
            heading.toString().lines().forEach(l -> out.append(cell(l)).append("  \n"));
            out.append('\n');
            grid(out, SweepRows.speedupHeaders(sweep), SweepRows.speedups(sweep));
            out.append("median service time, ms (mean ± stddev)\n\n");
            grid(out, SweepRows.medianHeaders(sweep), SweepRows.medians(sweep));
            List<List<String>> versus = SweepRows.versusBaseline(sweep);
            if (!versus.isEmpty()) {
                out.append("against the baseline's median (within noise: mean ± 2 x stddev overlap)\n\n");
                grid(out, SweepRows.medianHeaders(sweep), versus);
            }
            SweepRows.notes(sweep).forEach(n -> out.append("> ").append(cell(n)).append("  \n"));
            out.append('\n');
        }
        StringBuilder footer = new StringBuilder();
        BenchTable.footer(footer, report);
        footer.toString().lines().forEach(l -> out.append(cell(l)).append("  \n"));
        return out.toString();
    }

    private static void grid(StringBuilder out, List<String> headers, List<List<String>> rows) {
        out.append(line(headers)).append(line(headers.stream().map(h -> "---:").toList()));
        rows.forEach(r -> out.append(line(r)));
        out.append('\n');
    }

    private static String line(List<String> cells) {
        return "| " + String.join(" | ", cells.stream().map(BenchMarkdown::cell).toList()) + " |\n";
    }

    /** Pipes would end a cell, and '<' could open HTML in a renderer. */
    private static String cell(String text) {
        return text.replace("|", "\\|").replace("<", "&lt;");
    }
}
