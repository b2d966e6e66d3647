package dev.fanout.v1.support;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * A duration as people write it in a setting or an option, and read it in a message: in the largest
 * unit that states it exactly as a whole number (1h, 10m, 90s, 1500ms), else in seconds with the
 * decimals it needs (0.0005s). Exact, never rounded, so a message can quote the value it refuses; and
 * in a form the client's options and the services' settings read back.
 */
public final class DurationText {

    private static final long NANOS_PER_MILLI = 1_000_000L;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private DurationText() {
    }

    public static String of(Duration duration) {
        if (duration.isZero()) {
            return "0s";
        }
        if (duration.toNanosPart() == 0) {
            long seconds = duration.getSeconds();
            return seconds % 3600 == 0 ? seconds / 3600 + "h" : seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
        }
        if (duration.getNano() % NANOS_PER_MILLI == 0 && !duration.isNegative() && duration.getSeconds() < Long.MAX_VALUE / 1000) {
            return duration.toMillis() + "ms";
        }
        // seconds and nanos as getSeconds() and getNano() hold them: a negative span has a negative seconds part
        return new BigDecimal(duration.getSeconds()).add(BigDecimal.valueOf(duration.getNano(), 9))
                .stripTrailingZeros().toPlainString() + "s";
    }
}
