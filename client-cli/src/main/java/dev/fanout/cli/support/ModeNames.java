package dev.fanout.cli.support;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import dev.fanout.v1.ComputeMode;
import dev.fanout.v1.FetchMode;

/**
 * Modes as users write them: the proto enum value's name without its prefix, in lower kebab case
 * (FETCH_MODE_VIRTUAL_THREADS is "virtual-threads"). The same names appear in JSON output.
 */
public final class ModeNames {
    private static final String MARK = "_MODE_";

    private ModeNames() {
    }

    public static String name(Enum<?> value) {
        String constant = value.name();
        return constant.substring(constant.indexOf(MARK) + MARK.length()).toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Every value a user may name: all but UNSPECIFIED (the first) and protobuf's UNRECOGNIZED. */
    public static <E extends Enum<E>> List<E> choices(E[] values) {
        return Arrays.stream(values).filter(v -> v.ordinal() != 0 && !v.name().equals("UNRECOGNIZED")).toList();
    }

    public static <E extends Enum<E>> String choiceList(E[] values) {
        return String.join(", ", names(values));
    }

    public static <E extends Enum<E>> E parse(E[] values, String text) {
        String wanted = text.strip().toLowerCase(Locale.ROOT);
        return choices(values).stream()
                .filter(v -> name(v).equals(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "'" + text + "' is not a mode; valid: " + choiceList(values)));
    }

    public static <E extends Enum<E>> List<String> names(E[] values) {
        return choices(values).stream().map(ModeNames::name).toList();
    }

    /** compute's modes, for picocli's ${COMPLETION-CANDIDATES} in --help. */
    public static final class ComputeChoices implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return names(ComputeMode.values()).iterator();
        }
    }

    /** fetch's modes, for picocli's ${COMPLETION-CANDIDATES} in --help. */
    public static final class FetchChoices implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return names(FetchMode.values()).iterator();
        }
    }

    /** Every mode of either service, each name once (both have pods), for bench --modes. */
    public static final class AllChoices implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Stream.concat(names(ComputeMode.values()).stream(), names(FetchMode.values()).stream()).distinct().iterator();
        }
    }
}
