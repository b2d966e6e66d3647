package dev.fanout.cli.bench;

import java.util.ArrayList;
import java.util.List;

import dev.fanout.cli.support.TextTable;

/** The bench as text tables, one per service, with the ideal beside each mode. */
final class BenchTable {
    private BenchTable() {
    }

    static String render(BenchReport report) {
        boolean python = report.preset() != null;
        StringBuilder out = new StringBuilder();
        for (SuiteResult suite : report.suites()) {
            out.append(suite.service()).append(": ").append(suite.workload()).append("; ").append(BenchFormat.runs(report)).append('\n');
            out.append("ideal = ").append(suite.idealRule()).append("; speedup over ").append(suite.baseline())
                    .append("; efficiency = ideal / median").append('\n');
            List<String> headers = new ArrayList<>(List.of("MODE", ">PAR", ">MEDIAN MS", ">MIN MS", ">MAX MS",
                    ">CLIENT MS", ">SPEEDUP", ">IDEAL MS", ">EFFICIENCY"));
            if (python) {
                headers.add(">PYTHON S");
            }
            headers.add("NOTE");
            TextTable table = new TextTable(headers.toArray(String[]::new));
            for (ModeResult m : suite.modes()) {
                List<String> cells = new ArrayList<>();
                cells.add(m.mode());
                if (m.ran()) {
                    cells.addAll(List.of(String.valueOf(m.parallelism()), BenchFormat.ms(m.service().median()),
                            BenchFormat.ms(m.service().min()), BenchFormat.ms(m.service().max()),
                            BenchFormat.ms(m.client().median()), BenchFormat.speedup(m.speedup()),
                            BenchFormat.ms(m.idealMs()), BenchFormat.percent(m.efficiency())));
                } else {
                    cells.addAll(List.of("-", "-", "-", "-", "-", "-", "-", "-"));
                }
                if (python) {
                    cells.add(BenchFormat.seconds(m.pythonSeconds()));
                }
                cells.add(note(m));
                table.row(cells.toArray(String[]::new));
            }
            out.append(table.render()).append('\n');
        }
        if (report.overhead() != null) {
            out.append(BenchFormat.overhead(report.overhead())).append('\n');
        }
        report.notes().forEach(n -> out.append(n).append('\n'));
        return out.toString();
    }

    static String note(ModeResult m) {
        if (!m.ran()) {
            return "skipped: " + m.skipped();
        }
        return m.failedUrls() > 0 ? m.failedUrls() + " URL downloads failed" : "";
    }
}
