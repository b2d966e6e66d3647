package dev.fanout.cli.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.fanout.cli.bench.ModeResult;
import dev.fanout.cli.bench.SweepResult;

/**
 * A sweep as an inline SVG line chart: speedup over the baseline (y, linear from 0) against the swept
 * value (x, logarithmic, since sweeps grow by factors: 1, 2, 5, 10 ...), a line per mode and the ideal
 * as a dashed line. Modes are named in a legend above the chart, not at the lines' ends, where lines
 * that converge would put their names on top of each other.
 */
final class SweepChart {
    /** Colour-blind-safe categorical colours (Tableau 10 without the ideal's red). */
    static final String[] MODE_COLORS = { "#4e79a7", "#f28e2b", "#59a14f", "#b07aa1", "#76b7b2", "#edc948", "#9c755f" };
    private static final int WIDTH = BenchHtml.WIDTH;
    private static final int HEIGHT = 380;
    private static final int PLOT_LEFT = 70;
    private static final int PLOT_RIGHT = WIDTH - 40;
    private static final int TOP = 44;
    private static final int BOTTOM = HEIGHT - 62;
    /** Least distance between two x labels' centres; a closer value keeps its gridline but not its label. */
    private static final int MIN_LABEL_GAP = 48;

    private SweepChart() {
    }

    static void render(StringBuilder out, SweepResult sweep) {
        List<String> modes = sweep.modes();
        legend(out, modes);
        List<Double> ys = new ArrayList<>();
        for (SweepResult.SweepPoint p : sweep.points()) {
            ys.add(p.idealSpeedup());
            p.suite().modes().stream().filter(ModeResult::ran).forEach(m -> ys.add(m.speedup()));
        }
        ChartAxis y = ChartAxis.linear(ys.stream().filter(Double::isFinite).mapToDouble(Double::doubleValue).max().orElse(1));
        String id = BenchHtml.esc(sweep.service());
        out.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart sweep\" data-scale=\"linear\" viewBox=\"0 0 %d %d\" role=\"img\" "
                        + "aria-label=\"%s: speedup over %s against %s\">\n",
                WIDTH, HEIGHT, id, BenchHtml.esc(sweep.baseline()), BenchHtml.esc(sweep.setting())));
        out.append(String.format(Locale.ROOT, "<text class=\"axis-title\" x=\"%d\" y=\"%d\">speedup over %s</text>\n", PLOT_LEFT - 60,
                TOP - 24, BenchHtml.esc(sweep.baseline())));
        for (double tick : y.ticks()) {
            double py = y(y, tick);
            out.append(String.format(Locale.ROOT,
                    "<rect class=\"grid\" data-value=\"%s\" x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"1\"/>"
                            + "<text class=\"tick-label\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%sx</text>\n",
                    tick, PLOT_LEFT, py - 0.5, PLOT_RIGHT - PLOT_LEFT, PLOT_LEFT - 8, py + 4, ChartAxis.label(tick)));
        }
        double lastLabel = Double.NEGATIVE_INFINITY;
        for (SweepResult.SweepPoint p : sweep.points()) {
            double px = x(sweep, p.value());
            out.append(String.format(Locale.ROOT, "<rect class=\"x-grid\" data-value=\"%d\" x=\"%.1f\" y=\"%d\" width=\"1\" height=\"%d\"/>",
                    p.value(), px - 0.5, TOP, BOTTOM - TOP));
            if (px - lastLabel >= MIN_LABEL_GAP) {
                out.append(String.format(Locale.ROOT, "<text class=\"x-label\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d</text>",
                        px, BOTTOM + 20, p.value()));
                lastLabel = px;
            }
            out.append('\n');
        }
        out.append(String.format(Locale.ROOT, "<text class=\"axis-title\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s (log scale)</text>\n",
                (PLOT_LEFT + PLOT_RIGHT) / 2.0, BOTTOM + 46, BenchHtml.esc(sweep.setting())));
        List<String> ideal = new ArrayList<>();
        sweep.points().forEach(p -> ideal.add(point(sweep, y, p.value(), p.idealSpeedup())));
        out.append(String.format(Locale.ROOT,
                "<polyline class=\"ideal-line\" points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2.5\" stroke-dasharray=\"8 5\"/>\n",
                String.join(" ", ideal), BenchHtml.IDEAL_COLOR));
        for (int i = 0; i < modes.size(); i++) {
            series(out, sweep, y, modes.get(i), MODE_COLORS[i % MODE_COLORS.length]);
        }
        out.append("</svg>\n");
    }

    /** A mode's line through the values where it ran, with a dot at each measured point. */
    private static void series(StringBuilder out, SweepResult sweep, ChartAxis y, String mode, String color) {
        List<String> points = new ArrayList<>();
        StringBuilder dots = new StringBuilder();
        for (SweepResult.SweepPoint p : sweep.points()) {
            p.suite().modes().stream().filter(m -> m.mode().equals(mode) && m.ran() && Double.isFinite(m.speedup())).findFirst()
                    .ifPresent(m -> {
                        points.add(point(sweep, y, p.value(), m.speedup()));
                        dots.append(String.format(Locale.ROOT, "<circle class=\"dot\" data-value=\"%d\" data-speedup=\"%.3f\" cx=\"%.1f\" "
                                + "cy=\"%.1f\" r=\"4\" fill=\"%s\"/>", p.value(), m.speedup(), x(sweep, p.value()), y(y, m.speedup()), color));
                    });
        }
        if (points.isEmpty()) {
            return;
        }
        out.append("<g class=\"series\" data-mode=\"").append(BenchHtml.esc(mode)).append("\">");
        out.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2.5\"/>",
                String.join(" ", points), color));
        out.append(dots).append("</g>\n");
    }

    private static void legend(StringBuilder out, List<String> modes) {
        out.append("<div class=\"legend\">");
        for (int i = 0; i < modes.size(); i++) {
            out.append("<span><svg width=\"22\" height=\"14\" aria-hidden=\"true\"><rect y=\"6\" width=\"22\" height=\"3\" fill=\"")
                    .append(MODE_COLORS[i % MODE_COLORS.length]).append("\"/></svg>").append(BenchHtml.esc(modes.get(i))).append("</span>");
        }
        out.append("<span><svg width=\"22\" height=\"14\" aria-hidden=\"true\"><rect y=\"6\" width=\"9\" height=\"3\" fill=\"")
                .append(BenchHtml.IDEAL_COLOR).append("\"/><rect x=\"13\" y=\"6\" width=\"9\" height=\"3\" fill=\"").append(BenchHtml.IDEAL_COLOR)
                .append("\"/></svg>ideal</span></div>\n");
    }

    private static String point(SweepResult sweep, ChartAxis y, int value, double speedup) {
        return String.format(Locale.ROOT, "%.1f,%.1f", x(sweep, value), y(y, speedup));
    }

    /** Log scale between the smallest and largest swept value, with a margin so end dots are not cut. */
    static double x(SweepResult sweep, int value) {
        int lo = sweep.points().stream().mapToInt(SweepResult.SweepPoint::value).min().orElse(1);
        int hi = sweep.points().stream().mapToInt(SweepResult.SweepPoint::value).max().orElse(1);
        double f = hi == lo ? 0.5 : (Math.log(value) - Math.log(lo)) / (Math.log(hi) - Math.log(lo));
        int margin = 16;
        return PLOT_LEFT + margin + (PLOT_RIGHT - PLOT_LEFT - 2 * margin) * f;
    }

    private static double y(ChartAxis axis, double speedup) {
        return BOTTOM - (BOTTOM - TOP) * axis.fraction(speedup);
    }
}
