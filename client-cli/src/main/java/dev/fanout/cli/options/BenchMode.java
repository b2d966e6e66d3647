package dev.fanout.cli.options;

import java.util.List;
import java.util.stream.Stream;

import com.google.protobuf.ProtocolMessageEnum;

import dev.fanout.v1.ComputeMode;
import dev.fanout.v1.FetchMode;
import dev.fanout.v1.support.Labels;

/**
 * bench --modes: every mode of either service by its label, each once (both services have pods).
 * A test holds it to the contract's modes.
 */
public enum BenchMode {
    SINGLE, CORES, PODS, SEQUENTIAL, THREADS, VIRTUAL_THREADS, REACTIVE;

    /** As users write it, and as {@link Labels} writes the contract's modes. */
    public String label() {
        return Labels.kebab(name());
    }

    /** Whether {@code mode} (a ComputeMode or FetchMode) is one of {@code chosen}. */
    public static boolean contains(List<BenchMode> chosen, ProtocolMessageEnum mode) {
        return chosen.stream().anyMatch(m -> m.label().equals(Labels.of(mode)));
    }

    /** The contract's modes of both services, in order, each label once: what this enum must list. */
    static List<String> contractLabels() {
        return Stream.concat(Labels.of(ComputeMode.values()).stream(), Labels.of(FetchMode.values()).stream()).distinct().toList();
    }

    /** --modes' converter and --help's choices. */
    public static final class Choices extends ChoiceConverter<BenchMode> {
        public Choices() {
            super(List.of(values()), BenchMode::label, "mode");
        }
    }
}
