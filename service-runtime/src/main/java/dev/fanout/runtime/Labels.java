package dev.fanout.runtime;

import com.google.protobuf.ProtocolMessageEnum;
import java.util.Locale;

/** The CLI's and the metrics' spelling of a contract enum value: FETCH_MODE_VIRTUAL_THREADS is virtual-threads. */
public final class Labels {

    private Labels() {
    }

    /**
     * The value's name without its type's prefix (the style guide's {@code COMPUTE_MODE_} for
     * ComputeMode), lower case, with dashes for underscores.
     */
    public static String of(ProtocolMessageEnum value) {
        String name = value.getValueDescriptor().getName();
        String prefix = value.getDescriptorForType().getName().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT) + "_";
        String bare = name.startsWith(prefix) ? name.substring(prefix.length()) : name;
        return bare.toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
