package dev.fanout.cli.bench;

import java.util.List;

/**
 * A service benched at each value of one setting (--concurrency for fetch, --parts for compute),
 * every mode at every value.
 *
 * @param setting  the swept option's name without dashes: "concurrency" or "parts"
 * @param workload what every mode did, in words, apart from the swept setting
 * @param points   one bench per value, in the order given
 */
public record SweepResult(String service, String baseline, String setting, String workload, String idealRule,
        List<SweepPoint> points) {

    /**
     * @param idealSpeedup the bound on any mode's speedup over the baseline at this value: Little's law
     *                     for fetch, min(parts, parallelism) for compute
     * @param suite        the modes measured at this value, as in an ordinary bench
     */
    public record SweepPoint(int value, double idealSpeedup, SuiteResult suite) {
    }

    /** The modes in the order they ran, as the first value lists them. */
    public List<String> modes() {
        return points.getFirst().suite().modes().stream().map(ModeResult::mode).toList();
    }
}
