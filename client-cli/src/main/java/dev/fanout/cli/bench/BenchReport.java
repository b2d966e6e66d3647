package dev.fanout.cli.bench;

import java.util.List;

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
}
