package dev.fanout.cli.options;

import java.util.List;

/** bench --only: the one service to bench. */
public enum BenchService {
    compute, fetch;

    /** --only's converter and --help's choices. */
    public static final class Choices extends ChoiceConverter<BenchService> {
        public Choices() {
            super(List.of(values()), BenchService::name, "service");
        }
    }
}
