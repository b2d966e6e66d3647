package dev.fanout.cli.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.fanout.cli.bench.BenchReport;
import dev.fanout.cli.bench.ModeResult;
import dev.fanout.cli.bench.SuiteResult;
import dev.fanout.cli.bench.SweepResult;

/**
 * The bench as one self-contained HTML page: per service an inline SVG bar chart and the numbers as
 * a table. Per mode the bar is the median service time, a whisker with end caps spans min..max of the
 * runs, a red mark is the ideal, and with the tutorial preset a hatched bar below is the tutorial's
 * Python timing. The axis has round ticks and gridlines; it turns logarithmic (and says so) when one
 * bar would dwarf another. The SVG scales with the page (viewBox, no fixed width). No scripts, fonts
 * or styles are loaded from anywhere, so the file can be mailed or archived as is.
 */
final class BenchHtml {
    static final String BAR_COLOR = "#4e79a7";
    static final String IDEAL_COLOR = "#e15759";
    static final String WHISKER_COLOR = "#1f2d3d";
    static final String PYTHON_COLOR = "#f28e2b";
    /** The chart's coordinate system; the browser scales it to the page's width. */
    static final int WIDTH = 960;
    private static final int PLOT_LEFT = 150;
    /** Room right of the plot for the value beside the longest bar. */
    private static final int PLOT_RIGHT = WIDTH - 190;
    private static final int TOP = 34;
    private static final int BAR_HEIGHT = 20;
    private static final int PYTHON_GAP = 5;
    private static final int PYTHON_HEIGHT = 10;
    private static final int ROW_GAP = 18;
    private static final int CAP_HEIGHT = 14;

    private BenchHtml() {
    }

    static String render(BenchReport report) {
        boolean python = report.suites().stream().flatMap(s -> s.modes().stream()).anyMatch(BenchHtml::hasPython);
        StringBuilder out = new StringBuilder();
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>fanout bench</title>\n<style>\n")
                .append("body{font-family:system-ui,sans-serif;margin:24px;color:#1f2d3d;background:#fff;max-width:1100px}\n")
                .append("h1{font-size:22px}h2{font-size:18px;margin-top:28px}p{margin:4px 0}\n")
                .append("svg.chart{display:block;width:100%;height:auto;margin:8px 0}\n")
                .append("svg.chart text{font-size:15px;fill:#1f2d3d}svg.chart text.tick-label,svg.chart text.python-value{font-size:13px}\n")
                .append("svg.chart .grid,svg.chart .x-grid{fill:#e3e7ec}svg.chart .axis-title{font-size:14px;fill:#52606d}\n")
                .append("svg.chart text.x-label{font-size:13px}\n")
                .append(".legend{display:flex;flex-wrap:wrap;gap:4px 18px;font-size:14px;margin:8px 0}.legend svg{vertical-align:middle;margin-right:4px}\n")
                .append(".numbers{overflow-x:auto}table{border-collapse:collapse;margin-top:8px;font-size:13px}\n")
                .append("td,th{padding:3px 5px;border-bottom:1px solid #ddd;text-align:right}td.note{min-width:8em;overflow-wrap:anywhere}\n")
                .append("td:first-child,th:first-child,td.note,th:last-child{text-align:left}\n")
                .append("</style></head><body>\n<h1>fanout bench</h1>\n");
        out.append("<p>").append(esc(BenchFormat.runs(report)))
                .append(report.preset() == null ? "" : "; preset " + esc(report.preset())).append(".</p>\n");
        if (!report.suites().isEmpty()) {
            legend(out, python);
        }
        for (SuiteResult suite : report.suites()) {
            out.append("<section id=\"").append(esc(suite.service())).append("\">\n<h2>").append(esc(suite.service()))
                    .append("</h2>\n<p>").append(esc(suite.workload())).append("</p>\n<p>ideal = ").append(esc(suite.idealRule()))
                    .append("; speedup over ").append(esc(suite.baseline())).append("</p>\n");
            chart(out, suite);
            out.append("<div class=\"numbers\">");
            table(out, suite, report.preset() != null);
            out.append("</div>\n</section>\n");
        }
        for (SweepResult sweep : report.sweeps()) {
            out.append("<section id=\"").append(esc(sweep.service())).append("-sweep\">\n<h2>").append(esc(sweep.service()))
                    .append(" sweep over ").append(esc(sweep.setting())).append("</h2>\n<p>").append(esc(sweep.workload()))
                    .append("</p>\n<p>speedup over ").append(esc(sweep.baseline())).append(" at each ").append(esc(sweep.setting()))
                    .append("; ideal = ").append(esc(sweep.idealRule())).append("</p>\n");
            SweepChart.render(out, sweep);
            out.append("<div class=\"numbers\">");
            grid(out, SweepRows.speedupHeaders(sweep), SweepRows.speedups(sweep));
            out.append("<p>median service time, ms (mean ± stddev)</p>");
            grid(out, SweepRows.medianHeaders(sweep), SweepRows.medians(sweep));
            List<List<String>> versus = SweepRows.versusBaseline(sweep);
            if (!versus.isEmpty()) {
                out.append("<p>against the baseline's median (within noise: mean ± 2 x stddev overlap)</p>");
                grid(out, SweepRows.medianHeaders(sweep), versus);
            }
            out.append("</div>\n");
            SweepRows.notes(sweep).forEach(n -> out.append("<p class=\"note\">").append(esc(n)).append("</p>\n"));
            out.append("</section>\n");
        }
        if (report.overhead() != null) {
            out.append("<p id=\"overhead\">").append(esc(BenchFormat.overhead(report.overhead()))).append("</p>\n");
        }
        report.notes().forEach(n -> out.append("<p>").append(esc(n)).append("</p>\n"));
        return out.append("</body></html>\n").toString();
    }

    private static void legend(StringBuilder out, boolean python) {
        out.append("<div class=\"legend\">");
        out.append("<span><svg width=\"22\" height=\"14\" aria-hidden=\"true\"><rect width=\"22\" height=\"14\" fill=\"")
                .append(BAR_COLOR).append("\"/></svg>median service time</span>");
        out.append("<span><svg width=\"22\" height=\"14\" aria-hidden=\"true\"><rect x=\"1\" y=\"6\" width=\"20\" height=\"2\" fill=\"")
                .append(WHISKER_COLOR).append("\"/><rect x=\"0\" y=\"0\" width=\"2\" height=\"14\" fill=\"").append(WHISKER_COLOR)
                .append("\"/><rect x=\"20\" y=\"0\" width=\"2\" height=\"14\" fill=\"").append(WHISKER_COLOR)
                .append("\"/></svg>min..max of the runs</span>");
        out.append("<span><svg width=\"10\" height=\"14\" aria-hidden=\"true\"><rect x=\"3\" width=\"3\" height=\"14\" fill=\"")
                .append(IDEAL_COLOR).append("\"/></svg>ideal</span>");
        if (python) {
            out.append("<span><svg width=\"22\" height=\"14\" aria-hidden=\"true\">").append(hatch("legend-hatch"))
                    .append("<rect x=\"1\" y=\"2\" width=\"20\" height=\"10\" fill=\"url(#legend-hatch)\" stroke=\"")
                    .append(PYTHON_COLOR).append("\"/></svg>the tutorial's Python timing, same model</span>");
        }
        out.append("</div>\n");
    }

    /** Diagonal orange stripes: the Python bars read apart from the measured ones in colour and texture. */
    private static String hatch(String id) {
        return "<defs><pattern id=\"" + id + "\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
                + "<rect width=\"6\" height=\"6\" fill=\"#fde6cf\"/><rect width=\"3\" height=\"6\" fill=\"" + PYTHON_COLOR + "\"/></pattern></defs>";
    }

    private static boolean hasPython(ModeResult m) {
        return !Double.isNaN(m.pythonSeconds());
    }

    private static ChartAxis axis(List<ModeResult> modes) {
        List<Double> bars = new ArrayList<>();
        List<Double> all = new ArrayList<>();
        for (ModeResult m : modes) {
            if (m.ran()) {
                bars.add(m.service().median());
                all.addAll(List.of(m.service().min(), m.service().max(), m.idealMs()));
            }
            if (hasPython(m)) {
                bars.add(m.pythonSeconds() * 1000);
            }
        }
        return ChartAxis.of(bars, all);
    }

    private static void chart(StringBuilder out, SuiteResult suite) {
        List<ModeResult> modes = suite.modes();
        ChartAxis axis = axis(modes);
        int rowsHeight = 0;
        for (ModeResult m : modes) {
            rowsHeight += rowHeight(m);
        }
        int gridBottom = TOP + rowsHeight - ROW_GAP / 2;
        int height = gridBottom + 34;
        String id = esc(suite.service());
        out.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" data-scale=\"%s\" viewBox=\"0 0 %d %d\" role=\"img\" "
                        + "aria-label=\"%s: service time per mode%s\">\n",
                axis.log() ? "log" : "linear", WIDTH, height, id, axis.log() ? ", log scale" : ""));
        out.append(hatch("hatch-" + id)).append('\n');
        for (double tick : axis.ticks()) {
            double x = x(axis, tick);
            out.append(String.format(Locale.ROOT,
                    "<rect class=\"grid\" data-value=\"%s\" x=\"%.1f\" y=\"%d\" width=\"1\" height=\"%d\"/>"
                            + "<text class=\"tick-label\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>\n",
                    tick, x - 0.5, TOP - 8, gridBottom - TOP + 8, x, TOP - 14, ChartAxis.label(tick)));
        }
        int y = TOP;
        for (ModeResult m : modes) {
            row(out, m, axis, y, id);
            y += rowHeight(m);
        }
        out.append(String.format(Locale.ROOT, "<text class=\"axis-title\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>\n",
                (PLOT_LEFT + PLOT_RIGHT) / 2.0, gridBottom + 24,
                axis.log() ? "service time per run, ms (log scale: bars start at " + ChartAxis.label(axis.min()) + " ms)"
                        : "service time per run, ms"));
        out.append("</svg>\n");
    }

    private static int rowHeight(ModeResult m) {
        return BAR_HEIGHT + (hasPython(m) ? PYTHON_GAP + PYTHON_HEIGHT : 0) + ROW_GAP;
    }

    private static void row(StringBuilder out, ModeResult m, ChartAxis axis, int y, String id) {
        int mid = y + BAR_HEIGHT / 2;
        out.append("<g class=\"row\" data-mode=\"").append(esc(m.mode())).append("\">");
        out.append(String.format(Locale.ROOT, "<text class=\"mode\" x=\"0\" y=\"%d\">%s</text>", mid + 5, esc(m.mode())));
        if (m.ran()) {
            double median = m.service().median();
            double left = x(axis, axis.min());
            double end = x(axis, median);
            out.append(String.format(Locale.ROOT,
                    "<rect class=\"bar\" data-median-ms=\"%.3f\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>",
                    median, left, y, Math.max(1, end - left), BAR_HEIGHT, BAR_COLOR));
            double from = x(axis, m.service().min());
            double to = x(axis, m.service().max());
            // A spread under two pixels still shows as a mark between its caps.
            double span = Math.max(2, to - from);
            double start = (from + to - span) / 2;
            out.append(String.format(Locale.ROOT,
                    "<rect class=\"whisker\" data-min-ms=\"%.3f\" data-max-ms=\"%.3f\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"2\" fill=\"%s\"/>",
                    m.service().min(), m.service().max(), start, mid - 1, span, WHISKER_COLOR));
            for (double cap : new double[] { start, start + span }) {
                out.append(String.format(Locale.ROOT, "<rect class=\"cap\" x=\"%.1f\" y=\"%d\" width=\"2\" height=\"%d\" fill=\"%s\"/>",
                        cap - 1, mid - CAP_HEIGHT / 2, CAP_HEIGHT, WHISKER_COLOR));
            }
            double right = Math.max(end, start + span + 1);
            if (!Double.isNaN(m.idealMs())) {
                double ideal = x(axis, m.idealMs());
                right = Math.max(right, ideal + 2);
                out.append(String.format(Locale.ROOT,
                        "<rect class=\"ideal\" data-ideal-ms=\"%.3f\" x=\"%.1f\" y=\"%d\" width=\"4\" height=\"%d\" fill=\"%s\"/>",
                        m.idealMs(), ideal - 2, y - 4, BAR_HEIGHT + 8, IDEAL_COLOR));
            }
            out.append(String.format(Locale.ROOT, "<text class=\"value\" x=\"%.1f\" y=\"%d\">%s ms, %s</text>",
                    right + 8, mid + 5, BenchFormat.ms(median), BenchFormat.speedup(m.speedup())));
        } else {
            // The chart shows the start of the reason; the table below has all of it.
            String reason = m.skipped().length() > 70 ? m.skipped().substring(0, 69) + "\u2026" : m.skipped();
            out.append(String.format(Locale.ROOT, "<text class=\"skipped\" x=\"%d\" y=\"%d\" font-style=\"italic\">skipped: %s</text>",
                    PLOT_LEFT + 4, mid + 5, esc(reason)));
        }
        if (hasPython(m)) {
            double ms = m.pythonSeconds() * 1000;
            double left = x(axis, axis.min());
            double end = x(axis, ms);
            int top = y + BAR_HEIGHT + PYTHON_GAP;
            out.append(String.format(Locale.ROOT,
                    "<rect class=\"python\" data-python-ms=\"%.1f\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" "
                            + "fill=\"url(#hatch-%s)\" stroke=\"%s\" stroke-width=\"1\"/>",
                    ms, left, top, Math.max(1, end - left), PYTHON_HEIGHT, id, PYTHON_COLOR));
            out.append(String.format(Locale.ROOT, "<text class=\"python-value\" x=\"%.1f\" y=\"%d\">Python %s s</text>",
                    end + 8, top + PYTHON_HEIGHT, BenchFormat.seconds(m.pythonSeconds())));
        }
        out.append("</g>\n");
    }

    private static double x(ChartAxis axis, double ms) {
        return PLOT_LEFT + (PLOT_RIGHT - PLOT_LEFT) * axis.fraction(ms);
    }

    private static void table(StringBuilder out, SuiteResult suite, boolean python) {
        List<BenchColumns.Column> columns = BenchColumns.of(suite, python);
        out.append("<table><tr><th>mode</th>");
        columns.forEach(c -> out.append("<th>").append(esc(c.header().toLowerCase(Locale.ROOT))).append("</th>"));
        out.append("<th>note</th></tr>\n");
        for (ModeResult m : suite.modes()) {
            out.append("<tr><td>").append(esc(m.mode())).append("</td>");
            cells(out, BenchColumns.cells(columns, m).toArray(String[]::new));
            out.append("<td class=\"note\">").append(esc(BenchTable.note(m))).append("</td></tr>\n");
        }
        out.append("</table>\n");
        BenchColumns.warnings(suite).forEach(w -> out.append("<p class=\"warning\">").append(esc(w)).append("</p>\n"));
    }

    private static void grid(StringBuilder out, List<String> headers, List<List<String>> rows) {
        out.append("<table><tr>");
        headers.forEach(h -> out.append("<th>").append(esc(h)).append("</th>"));
        out.append("</tr>\n");
        rows.forEach(r -> {
            out.append("<tr>");
            cells(out, r.toArray(String[]::new));
            out.append("</tr>\n");
        });
        out.append("</table>\n");
    }

    private static void cells(StringBuilder out, String... values) {
        for (String v : values) {
            out.append("<td>").append(esc(v)).append("</td>");
        }
    }

    static String esc(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
