package dev.fanout.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import dev.fanout.cli.CliFailure;
import dev.fanout.cli.ExitCodes;

/**
 * An earlier {@code fanout bench --json} (--baseline FILE), to compare this run with mode by mode:
 * a plain bench's modes by service and mode, a sweep's by service, value and mode. Files written
 * before mean_ms and stddev_ms existed count their median as the mean, with no spread.
 */
final class Baseline {
    private static final JsonFactory JSON = new JsonFactory();
    private final Map<String, Object> doc;

    private Baseline(Map<String, Object> doc) {
        this.doc = doc;
    }

    static Baseline read(Path file) {
        try (JsonParser parser = JSON.createParser(Files.readString(file))) {
            if (parser.nextToken() == JsonToken.START_OBJECT && value(parser) instanceof Map<?, ?> map) {
                @SuppressWarnings("unchecked")
                Map<String, Object> doc = (Map<String, Object>) map;
                if (doc.containsKey("compute") || doc.containsKey("fetch")) {
                    return new Baseline(doc);
                }
            }
            throw new CliFailure(ExitCodes.USAGE, "--baseline " + file + " is not the output of fanout bench --json (no compute or fetch key)");
        } catch (NoSuchFileException e) {
            throw new CliFailure(ExitCodes.USAGE, "--baseline " + file + " does not exist");
        } catch (JsonProcessingException e) {
            throw new CliFailure(ExitCodes.USAGE, "--baseline " + file + " is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new CliFailure(ExitCodes.USAGE, "--baseline " + file + " cannot be read: " + e.getMessage());
        }
    }

    /** A JSON value as maps, lists, strings, doubles, booleans and null; the parser stands on its first token. */
    private static Object value(JsonParser parser) throws IOException {
        switch (parser.currentToken()) {
            case START_OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    map.put(name, value(parser));
                }
                return map;
            }
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    list.add(value(parser));
                }
                return list;
            }
            case VALUE_STRING -> {
                return parser.getText();
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return parser.getDoubleValue();
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return parser.getBooleanValue();
            }
            default -> {
                return null;
            }
        }
    }

    SuiteResult compare(SuiteResult suite) {
        return compare(suite, modes(suite.service(), null));
    }

    SweepResult compare(SweepResult sweep) {
        List<SweepResult.SweepPoint> points = sweep.points().stream()
                .map(p -> new SweepResult.SweepPoint(p.value(), p.idealSpeedup(), compare(p.suite(), modes(sweep.service(), p.value()))))
                .toList();
        return new SweepResult(sweep.service(), sweep.baseline(), sweep.setting(), sweep.workload(), sweep.idealRule(), points);
    }

    private static SuiteResult compare(SuiteResult suite, List<Object> baselineModes) {
        List<ModeResult> rows = suite.modes().stream().map(m -> m.ran() ? find(baselineModes, m.mode())
                .map(old -> m.withBaseline(BaselineComparison.of(m.service(), old.get("median_ms") instanceof Double median ? median : Double.NaN,
                        number(old, "mean_ms", "median_ms"), old.get("stddev_ms") instanceof Double sd ? sd : 0)))
                .orElse(m) : m).toList();
        return new SuiteResult(suite.service(), suite.baseline(), suite.workload(), suite.idealRule(), rows);
    }

    /** The baseline's modes of a service: of its plain bench when {@code value} is null, else of that sweep value. */
    private List<Object> modes(String service, Integer value) {
        if (!(doc.get(service) instanceof Map<?, ?> s)) {
            return List.of();
        }
        if (value == null) {
            return s.get("modes") instanceof List<?> modes ? List.copyOf(modes) : List.of();
        }
        if (s.get("sweep") instanceof List<?> sweep) {
            for (Object point : sweep) {
                if (point instanceof Map<?, ?> p && p.get("value") instanceof Double v && v == value.doubleValue()
                        && p.get("modes") instanceof List<?> modes) {
                    return List.copyOf(modes);
                }
            }
        }
        return List.of();
    }

    /** The baseline's row of a mode, when it ran there. */
    private static Optional<Map<?, ?>> find(List<Object> modes, String mode) {
        for (Object m : modes) {
            if (m instanceof Map<?, ?> map && mode.equals(map.get("mode")) && map.get("median_ms") instanceof Double) {
                return Optional.of(map);
            }
        }
        return Optional.empty();
    }

    private static double number(Map<?, ?> row, String key, String fallback) {
        return row.get(key) instanceof Double d ? d : (Double) row.get(fallback);
    }
}
