package dev.fanout.cli.options;

import dev.fanout.v1.FetchMode;

/** fetch --mode: the contract's fetch modes by label. */
public final class FetchModeConverter extends ChoiceConverter<FetchMode> {
    public FetchModeConverter() {
        super(Labels.choices(FetchMode.values()), Labels::of, "mode");
    }
}
