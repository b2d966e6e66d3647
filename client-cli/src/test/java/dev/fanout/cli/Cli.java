package dev.fanout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Assertions shared by the launch tests: JSON parsing and the shape of one-line errors. */
final class Cli {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Cli() {
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    /** The run failed with {@code code} and said why in exactly one line, with no stack trace. */
    static String oneLineError(LaunchResult result, int code) {
        assertEquals(code, result.exitCode(), () -> "stdout: " + result.getOutput() + "\nstderr: " + result.getErrorOutput());
        return oneLineError(result.getErrorStream());
    }

    static String oneLineError(List<String> stderr) {
        List<String> lines = stderr.stream().filter(l -> !l.isBlank()).toList();
        assertFalse(lines.isEmpty(), "no error message");
        assertFalse(lines.stream().anyMatch(l -> l.startsWith("\tat ") || l.contains("Exception:")), () -> String.join("\n", lines));
        assertEquals(1, lines.size(), () -> "one line:\n" + String.join("\n", lines));
        assertEquals(true, lines.get(0).startsWith("fanout: ") && !lines.get(0).startsWith("fanout: Error"), lines.get(0));
        return lines.get(0);
    }
}
