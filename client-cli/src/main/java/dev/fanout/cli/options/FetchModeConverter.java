package dev.fanout.cli.options;

import dev.fanout.v1.FetchMode;
import dev.fanout.v1.support.Labels;

/** fetch --mode: the contract's fetch modes by label. */
public final class FetchModeConverter extends ChoiceConverter<FetchMode> {
    public FetchModeConverter() {
        super(Labels.choices(FetchMode.values()), Labels::of, "mode");
    }
}
