package dev.fanout.cli.options;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The contract's enum values as users write them, in options and in every output: the value's name
 * without its type's prefix, in lower kebab case (FETCH_MODE_VIRTUAL_THREADS is "virtual-threads",
 * FETCH_ERROR_HTTP_STATUS is "http-status"). Protobuf prefixes each value with its enum's name in
 * upper snake case, so the prefix comes from the type.
 */
public final class Labels {
    private Labels() {
    }

    public static String of(Enum<?> value) {
        String prefix = value.getDeclaringClass().getSimpleName().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT) + "_";
        String name = value.name();
        return (name.startsWith(prefix) ? name.substring(prefix.length()) : name).toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Every value a user may name: all but UNSPECIFIED (the first) and protobuf's UNRECOGNIZED. */
    public static <E extends Enum<E>> List<E> choices(E[] values) {
        return Arrays.stream(values).filter(v -> v.ordinal() != 0 && !v.name().equals("UNRECOGNIZED")).toList();
    }

    /** The labels of {@link #choices}, in the contract's order. */
    public static <E extends Enum<E>> List<String> of(E[] values) {
        return choices(values).stream().map(Labels::of).toList();
    }
}
