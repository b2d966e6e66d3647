package dev.fanout.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One scenario's calls: healthy ones ok, failed or wrong (with their latencies), and interrupted ones
 * (cancelled, or given a short deadline) ended as such ones may end, or not; the first few failures
 * by message, for the report.
 */
final class ScenarioTally {

    private static final int SAMPLES = 5;

    final String name;
    /** False for users who interrupt every call they make. */
    final boolean healthyExpected;
    private final List<Long> healthyNanos = new ArrayList<>();
    private int ok;
    private int failed;
    private int wrong;
    private int interruptedAsExpected;
    private int interruptedOtherwise;
    private final Map<String, Integer> failures = new LinkedHashMap<>();

    ScenarioTally(String name, boolean healthyExpected) {
        this.name = name;
        this.healthyExpected = healthyExpected;
    }

    synchronized void healthyOk(long nanos) {
        ok++;
        healthyNanos.add(nanos);
    }

    synchronized void healthyFailed(String why) {
        failed++;
        sample("failed: " + why);
    }

    synchronized void healthyWrong(String why) {
        wrong++;
        sample("wrong: " + why);
    }

    synchronized void interrupted(String otherwise) {
        if (otherwise == null) {
            interruptedAsExpected++;
        } else {
            interruptedOtherwise++;
            sample("interrupted call: " + otherwise);
        }
    }

    private void sample(String what) {
        String key = what.length() > 300 ? what.substring(0, 300) + "..." : what;
        if (failures.containsKey(key) || failures.size() < SAMPLES) {
            failures.merge(key, 1, Integer::sum);
        }
    }

    synchronized int ok() {
        return ok;
    }

    synchronized int bad() {
        return failed + wrong + interruptedOtherwise;
    }

    synchronized int calls() {
        return ok + failed + wrong + interruptedAsExpected + interruptedOtherwise;
    }

    synchronized String row() {
        List<Long> sorted = healthyNanos.stream().sorted().toList();
        return String.format("%-52s %6d %6d %6d %9d %7d %8s %8s", name, ok, failed, wrong, interruptedAsExpected, interruptedOtherwise,
                percentile(sorted, 50), percentile(sorted, 99));
    }

    static String header() {
        return String.format("%-52s %6s %6s %6s %9s %7s %8s %8s", "scenario (healthy calls: ok / failed / wrong)", "ok", "failed",
                "wrong", "intr.ok", "intr.!", "p50 ms", "p99 ms");
    }

    synchronized List<String> failureSamples() {
        return failures.entrySet().stream().map(e -> name + ": " + e.getValue() + "x " + e.getKey()).toList();
    }

    private static String percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return "-";
        }
        long nanos = sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
        return Long.toString(TimeUnit.NANOSECONDS.toMillis(nanos));
    }
}
