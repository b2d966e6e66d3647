package dev.fanout.cli.bench;

import java.util.List;
import java.util.Locale;

/**
 * The bench as one self-contained HTML page: per service an inline SVG bar chart (bar = median,
 * whisker = min..max, red mark = ideal) and the numbers as a table. No scripts, fonts or styles are
 * loaded from anywhere, so the file can be mailed or archived as is.
 */
final class BenchHtml {
    static final String BAR_COLOR = "#4e79a7";
    static final String IDEAL_COLOR = "#e15759";
    private static final int LABEL_WIDTH = 140;
    private static final int PLOT_WIDTH = 520;
    private static final int VALUE_WIDTH = 220;
    private static final int ROW_HEIGHT = 44;
    private static final int BAR_HEIGHT = 24;
    private static final int TOP = 30;

    private BenchHtml() {
    }

    static String render(BenchReport report) {
        StringBuilder out = new StringBuilder();
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>fanout bench</title>\n<style>\n")
                .append("body{font-family:system-ui,sans-serif;margin:24px;color:#1f2d3d;background:#fff}\n")
                .append("h1{font-size:22px}h2{font-size:18px;margin-top:28px}p{margin:4px 0}\n")
                .append("table{border-collapse:collapse;margin-top:8px}td,th{padding:3px 10px;border-bottom:1px solid #ddd;text-align:right}\n")
                .append("td:first-child,th:first-child,td.note,th:last-child{text-align:left}\n")
                .append("svg text{font-size:13px;fill:#1f2d3d}.legend{font-size:13px}\n")
                .append("</style></head><body>\n<h1>fanout bench</h1>\n");
        out.append("<p>").append(esc(BenchFormat.runs(report)))
                .append(report.preset() == null ? "" : "; preset " + esc(report.preset())).append(".</p>\n");
        out.append("<p class=\"legend\"><span style=\"color:").append(BAR_COLOR).append("\">&#9632;</span> median service time, "
                + "black whisker: min..max, <span style=\"color:").append(IDEAL_COLOR).append("\">&#9646;</span> ideal</p>\n");
        for (SuiteResult suite : report.suites()) {
            out.append("<section id=\"").append(esc(suite.service())).append("\">\n<h2>").append(esc(suite.service()))
                    .append("</h2>\n<p>").append(esc(suite.workload())).append("</p>\n<p>ideal = ").append(esc(suite.idealRule()))
                    .append("; speedup over ").append(esc(suite.baseline())).append("</p>\n");
            chart(out, suite);
            table(out, suite, report.preset() != null);
            out.append("</section>\n");
        }
        if (report.overhead() != null) {
            out.append("<p id=\"overhead\">").append(esc(BenchFormat.overhead(report.overhead()))).append("</p>\n");
        }
        report.notes().forEach(n -> out.append("<p>").append(esc(n)).append("</p>\n"));
        return out.append("</body></html>\n").toString();
    }

    private static void chart(StringBuilder out, SuiteResult suite) {
        List<ModeResult> modes = suite.modes();
        double scale = modes.stream().filter(ModeResult::ran)
                .mapToDouble(m -> Math.max(m.service().max(), Double.isNaN(m.idealMs()) ? 0 : m.idealMs()))
                .max().orElse(1);
        int width = LABEL_WIDTH + PLOT_WIDTH + VALUE_WIDTH;
        int height = TOP + modes.size() * ROW_HEIGHT + 10;
        out.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s: median time per mode\">\n",
                width, height, width, height, esc(suite.service())));
        out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"18\">0 ms</text><text x=\"%d\" y=\"18\" text-anchor=\"end\">%s ms</text>\n",
                LABEL_WIDTH, LABEL_WIDTH + PLOT_WIDTH, BenchFormat.ms(scale)));
        for (int i = 0; i < modes.size(); i++) {
            ModeResult m = modes.get(i);
            int y = TOP + i * ROW_HEIGHT;
            int mid = y + BAR_HEIGHT / 2;
            out.append("<g class=\"row\" data-mode=\"").append(esc(m.mode())).append("\">");
            out.append(String.format(Locale.ROOT, "<text x=\"0\" y=\"%d\">%s</text>", mid + 5, esc(m.mode())));
            if (!m.ran()) {
                // The chart shows the start of the reason; the table below has all of it.
                String reason = m.skipped().length() > 80 ? m.skipped().substring(0, 79) + "\u2026" : m.skipped();
                out.append(String.format(Locale.ROOT, "<text class=\"skipped\" x=\"%d\" y=\"%d\" font-style=\"italic\">skipped: %s</text></g>\n",
                        LABEL_WIDTH, mid + 5, esc(reason)));
                continue;
            }
            double median = m.service().median();
            out.append(String.format(Locale.ROOT,
                    "<rect class=\"bar\" data-median-ms=\"%.3f\" x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>",
                    median, LABEL_WIDTH, y, x(median, scale) - LABEL_WIDTH, BAR_HEIGHT, BAR_COLOR));
            out.append(String.format(Locale.ROOT,
                    "<line class=\"range\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#1f2d3d\" stroke-width=\"1\"/>",
                    x(m.service().min(), scale), x(m.service().max(), scale), y + BAR_HEIGHT + 3, y + BAR_HEIGHT + 3));
            double end = x(m.service().max(), scale);
            if (!Double.isNaN(m.idealMs())) {
                double ideal = x(m.idealMs(), scale);
                end = Math.max(end, ideal);
                out.append(String.format(Locale.ROOT,
                        "<line class=\"ideal\" data-ideal-ms=\"%.3f\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"3\"/>",
                        m.idealMs(), ideal, ideal, y - 4, y + BAR_HEIGHT + 4, IDEAL_COLOR));
            }
            out.append(String.format(Locale.ROOT, "<text class=\"value\" x=\"%.1f\" y=\"%d\">%s ms, %s</text></g>\n",
                    end + 8, mid + 5, BenchFormat.ms(median), BenchFormat.speedup(m.speedup())));
        }
        out.append("</svg>\n");
    }

    private static double x(double ms, double scale) {
        return LABEL_WIDTH + PLOT_WIDTH * ms / scale;
    }

    private static void table(StringBuilder out, SuiteResult suite, boolean python) {
        out.append("<table><tr><th>mode</th><th>parallelism</th><th>median ms</th><th>min ms</th><th>max ms</th>"
                + "<th>client ms</th><th>speedup</th><th>ideal ms</th><th>efficiency</th>")
                .append(python ? "<th>Python s</th>" : "").append("<th>note</th></tr>\n");
        for (ModeResult m : suite.modes()) {
            out.append("<tr><td>").append(esc(m.mode())).append("</td>");
            if (m.ran()) {
                cells(out, String.valueOf(m.parallelism()), BenchFormat.ms(m.service().median()), BenchFormat.ms(m.service().min()),
                        BenchFormat.ms(m.service().max()), BenchFormat.ms(m.client().median()), BenchFormat.speedup(m.speedup()),
                        BenchFormat.ms(m.idealMs()), BenchFormat.percent(m.efficiency()));
            } else {
                cells(out, "-", "-", "-", "-", "-", "-", "-", "-");
            }
            if (python) {
                cells(out, BenchFormat.seconds(m.pythonSeconds()));
            }
            out.append("<td class=\"note\">").append(esc(BenchTable.note(m))).append("</td></tr>\n");
        }
        out.append("</table>\n");
    }

    private static void cells(StringBuilder out, String... values) {
        for (String v : values) {
            out.append("<td>").append(esc(v)).append("</td>");
        }
    }

    private static String esc(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
