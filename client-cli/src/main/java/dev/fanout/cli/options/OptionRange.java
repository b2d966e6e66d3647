package dev.fanout.cli.options;

import dev.fanout.cli.CliFailure;
import dev.fanout.cli.ExitCodes;

/** Range checks of numeric options, each naming the option, the value given and what is allowed. */
public final class OptionRange {
    private OptionRange() {
    }

    public static void atLeast(String option, long value, long min) {
        if (value < min) {
            throw new CliFailure(ExitCodes.USAGE, option + " " + value + " is out of range: use " + min + " or more");
        }
    }
}
