package dev.fanout.cli.options;

import dev.fanout.v1.ComputeMode;
import dev.fanout.v1.support.Labels;

/** compute --mode: the contract's compute modes by label. */
public final class ComputeModeConverter extends ChoiceConverter<ComputeMode> {
    public ComputeModeConverter() {
        super(Labels.choices(ComputeMode.values()), Labels::of, "mode");
    }
}
