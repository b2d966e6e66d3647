package dev.fanout.cli.bench;

import java.util.List;

/**
 * The bench of one service: which mode is the baseline, how its ideal is defined, and a row per mode.
 *
 * @param service   "compute" or "fetch"
 * @param workload  what every mode did, in words
 * @param idealRule how the ideal column is computed, in words
 */
public record SuiteResult(String service, String baseline, String workload, String idealRule, List<ModeResult> modes) {
}
