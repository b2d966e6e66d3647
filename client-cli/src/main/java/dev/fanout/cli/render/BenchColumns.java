package dev.fanout.cli.render;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import dev.fanout.cli.bench.ModeResult;
import dev.fanout.cli.bench.SuiteResult;

/**
 * The columns of a suite's table, shared by the text table, the Markdown export and the HTML page so
 * the three always show the same numbers. Columns that do not apply are left out: per-URL latency
 * without a fetch mode that ran, Python without the tutorial preset, the comparison without --baseline.
 */
final class BenchColumns {
    /**
     * A column: its header, whether it holds numbers (right-aligned), its cell, and whether a skipped
     * mode has that cell too (else "-").
     */
    record Column(String header, boolean numeric, Function<ModeResult, String> cell, boolean forSkipped) {
        Column(String header, boolean numeric, Function<ModeResult, String> cell) {
            this(header, numeric, cell, false);
        }
    }

    private BenchColumns() {
    }

    static List<Column> of(SuiteResult suite, boolean python) {
        List<Column> columns = new ArrayList<>(List.of(
                new Column("PAR", true, m -> String.valueOf(m.parallelism())),
                new Column("MEDIAN MS", true, m -> BenchFormat.ms(m.service().median())),
                new Column("MEAN +- SD MS", true, m -> BenchFormat.ms(m.service().mean()) + " +- " + BenchFormat.ms(m.service().stddev())),
                new Column("MIN MS", true, m -> BenchFormat.ms(m.service().min())),
                new Column("MAX MS", true, m -> BenchFormat.ms(m.service().max())),
                new Column("CLIENT MS", true, m -> BenchFormat.ms(m.client().median())),
                new Column("SPEEDUP", true, m -> BenchFormat.speedup(m.speedup())),
                new Column("IDEAL MS", true, m -> BenchFormat.ms(m.idealMs())),
                new Column("EFFICIENCY", true, m -> BenchFormat.percent(m.efficiency()))));
        if (suite.modes().stream().anyMatch(m -> m.urlLatency() != null)) {
            columns.add(new Column("URL P50/P90/P99 MS", true, m -> m.urlLatency() == null ? "-"
                    : BenchFormat.ms(m.urlLatency().p50()) + " / " + BenchFormat.ms(m.urlLatency().p90()) + " / "
                            + BenchFormat.ms(m.urlLatency().p99())));
        }
        if (suite.modes().stream().anyMatch(m -> m.versusBaseline() != null)) {
            columns.add(new Column("VS BASELINE", false, m -> m.versusBaseline() == null ? "-" : m.versusBaseline().words()));
        }
        if (python) {
            columns.add(new Column("PYTHON S", true, m -> BenchFormat.seconds(m.pythonSeconds()), true));
        }
        return columns;
    }

    /** A mode's cells: "-" throughout for a skipped mode, except Python's timing, which it still has. */
    static List<String> cells(List<Column> columns, ModeResult m) {
        List<String> cells = new ArrayList<>();
        for (Column c : columns) {
            cells.add(m.ran() || c.forSkipped() ? c.cell().apply(m) : "-");
        }
        return cells;
    }

    /** The suite's warnings: a line per mode whose runs vary too much or have outliers. */
    static List<String> warnings(SuiteResult suite) {
        List<String> lines = new ArrayList<>();
        for (ModeResult m : suite.modes()) {
            if (m.ran()) {
                m.service().warning().ifPresent(w -> lines.add("warning: " + suite.service() + " " + m.mode() + ": " + w));
            }
        }
        return lines;
    }
}
