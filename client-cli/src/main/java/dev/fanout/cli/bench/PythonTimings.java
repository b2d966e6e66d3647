package dev.fanout.cli.bench;

import java.util.List;
import java.util.Map;

/**
 * Python's timings (seconds) of the same experiment, by the mode that plays the same model, with the
 * notes that say what they were; shown beside the modes with a preset, empty without one.
 */
public record PythonTimings(Map<String, Double> compute, List<String> computeNotes, Map<String, Double> fetch, List<String> fetchNotes) {
    public static final PythonTimings NONE = new PythonTimings(Map.of(), List.of(), Map.of(), List.of());
}
