package dev.fanout.cli.options;

import java.util.List;

/** bench --preset: a named experiment whose values fill in the options not given. */
public enum Preset {
    /** The concurrency tutorial's experiment, with its Python timings beside (see bench.TutorialPreset). */
    tutorial;

    /** --preset's converter and --help's choices. */
    public static final class Choices extends ChoiceConverter<Preset> {
        public Choices() {
            super(List.of(values()), Preset::name, "preset");
        }
    }
}
