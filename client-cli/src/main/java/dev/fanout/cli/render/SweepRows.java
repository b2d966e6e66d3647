package dev.fanout.cli.render;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import dev.fanout.cli.bench.ModeResult;
import dev.fanout.cli.bench.SweepResult;

/**
 * A sweep as rows, shared by the text table, the Markdown export and the HTML page: a row per swept
 * value, a column per mode, and the ideal. One grid holds speedups over the baseline at that value,
 * the other the median service time with mean ± stddev.
 */
final class SweepRows {
    private SweepRows() {
    }

    static List<String> speedupHeaders(SweepResult sweep) {
        List<String> headers = new ArrayList<>();
        headers.add(sweep.setting());
        headers.addAll(sweep.modes());
        headers.add("ideal");
        return headers;
    }

    static List<String> medianHeaders(SweepResult sweep) {
        List<String> headers = new ArrayList<>();
        headers.add(sweep.setting());
        headers.addAll(sweep.modes());
        return headers;
    }

    static List<List<String>> speedups(SweepResult sweep) {
        List<List<String>> rows = new ArrayList<>();
        for (SweepResult.SweepPoint point : sweep.points()) {
            List<String> row = new ArrayList<>(List.of(String.valueOf(point.value())));
            sweep.modes().forEach(mode -> row.add(mode(point, mode).filter(ModeResult::ran)
                    .map(m -> BenchFormat.speedup(m.speedup())).orElse("-")));
            row.add(BenchFormat.speedup(point.idealSpeedup()));
            rows.add(row);
        }
        return rows;
    }

    static List<List<String>> medians(SweepResult sweep) {
        List<List<String>> rows = new ArrayList<>();
        for (SweepResult.SweepPoint point : sweep.points()) {
            List<String> row = new ArrayList<>(List.of(String.valueOf(point.value())));
            sweep.modes().forEach(mode -> row.add(mode(point, mode).filter(ModeResult::ran)
                    .map(m -> BenchFormat.ms(m.service().median()) + " (" + BenchFormat.ms(m.service().mean()) + " +- "
                            + BenchFormat.ms(m.service().stddev()) + ")")
                    .orElse("-")));
            rows.add(row);
        }
        return rows;
    }

    /** Each mode against the --baseline file at each value; empty without one. */
    static List<List<String>> versusBaseline(SweepResult sweep) {
        boolean any = sweep.points().stream().flatMap(p -> p.suite().modes().stream()).anyMatch(m -> m.versusBaseline() != null);
        if (!any) {
            return List.of();
        }
        List<List<String>> rows = new ArrayList<>();
        for (SweepResult.SweepPoint point : sweep.points()) {
            List<String> row = new ArrayList<>(List.of(String.valueOf(point.value())));
            sweep.modes().forEach(mode -> row.add(mode(point, mode).filter(m -> m.versusBaseline() != null)
                    .map(m -> m.versusBaseline().words()).orElse("-")));
            rows.add(row);
        }
        return rows;
    }

    /** Why modes were skipped (each reason once) and which runs were noisy, at which value. */
    static List<String> notes(SweepResult sweep) {
        Set<String> notes = new LinkedHashSet<>();
        for (SweepResult.SweepPoint point : sweep.points()) {
            for (ModeResult m : point.suite().modes()) {
                if (!m.ran()) {
                    notes.add(m.mode() + " skipped: " + m.skipped());
                    continue;
                }
                if (m.failedUrls() > 0) {
                    notes.add(String.format(Locale.ROOT, "%s at %s %d: %d URL downloads failed", m.mode(), sweep.setting(), point.value(),
                            m.failedUrls()));
                }
                m.service().warning().ifPresent(w -> notes.add(String.format(Locale.ROOT, "warning: %s %s at %s %d: %s",
                        sweep.service(), m.mode(), sweep.setting(), point.value(), w)));
            }
        }
        return List.copyOf(notes);
    }

    private static Optional<ModeResult> mode(SweepResult.SweepPoint point, String mode) {
        return point.suite().modes().stream().filter(m -> m.mode().equals(mode)).findFirst();
    }
}
