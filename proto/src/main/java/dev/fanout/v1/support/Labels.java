package dev.fanout.v1.support;

import com.google.protobuf.ProtocolMessageEnum;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The contract's enum values as users and metrics write them: the value's name without its type's
 * prefix, in lower kebab case (FETCH_MODE_VIRTUAL_THREADS is "virtual-threads", FETCH_ERROR_HTTP_STATUS
 * is "http-status"). Protobuf's style prefixes each value with its enum's name in upper snake case,
 * so the prefix comes from the type.
 */
public final class Labels {

    private Labels() {
    }

    public static String of(ProtocolMessageEnum value) {
        String prefix = value.getDescriptorForType().getName().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT) + "_";
        String name = value.getValueDescriptor().getName();
        return kebab(name.startsWith(prefix) ? name.substring(prefix.length()) : name);
    }

    /** An upper snake case name in lower kebab case: VIRTUAL_THREADS is "virtual-threads". */
    public static String kebab(String upperSnake) {
        return upperSnake.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Every value a user may name: all but the UNSPECIFIED zero value and protobuf's UNRECOGNIZED. */
    public static <E extends Enum<E> & ProtocolMessageEnum> List<E> choices(E[] values) {
        return Arrays.stream(values).filter(v -> v.ordinal() != 0 && !v.name().equals("UNRECOGNIZED")).toList();
    }

    /** The labels of {@link #choices}, in the contract's order. */
    public static <E extends Enum<E> & ProtocolMessageEnum> List<String> of(E[] values) {
        return choices(values).stream().map(Labels::of).toList();
    }
}
