package dev.fanout.cli.bench;

import java.util.List;
import java.util.stream.Stream;

/**
 * Everything a bench measured, ready to render.
 *
 * @param preset   the preset used, or null
 * @param overhead null when compute was not benched or overhead calls were turned off
 * @param sweeps   services benched at several values of a setting; a service is in suites or in sweeps
 * @param notes    lines printed under the tables
 */
public record BenchReport(String preset, int warmup, int repeat, List<SuiteResult> suites, List<SweepResult> sweeps,
        Overhead overhead, List<String> notes) {

    /** Whether any URL download failed, in any mode at any swept value. */
    public boolean anyFailedUrls() {
        return Stream.concat(suites.stream(), sweeps.stream().flatMap(s -> s.points().stream().map(SweepResult.SweepPoint::suite)))
                .flatMap(s -> s.modes().stream()).anyMatch(m -> m.failedUrls() > 0);
    }
}
