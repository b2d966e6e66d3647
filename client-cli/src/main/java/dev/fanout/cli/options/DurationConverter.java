package dev.fanout.cli.options;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Durations as people type them: 500ms, 2s, 1.5s, 1m, 1h. */
public final class DurationConverter implements ITypeConverter<Duration> {
    private static final long NANOS_PER_HOUR = 3_600_000_000_000L;
    /** The longest duration accepted: the most whole hours that fit in a long of nanoseconds. */
    private static final long MAX_HOURS = Long.MAX_VALUE / NANOS_PER_HOUR;
    static final String MAX = MAX_HOURS + "h";
    private static final BigDecimal MAX_NANOS = BigDecimal.valueOf(MAX_HOURS * NANOS_PER_HOUR);
    private static final Pattern FORMAT = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    public static Duration parse(String value) {
        Matcher m = FORMAT.matcher(value.strip());
        if (!m.matches()) {
            throw new TypeConversionException("'" + value + "' is not a duration: use e.g. 500ms, 2s, 1.5s, 1m, 1h");
        }
        BigDecimal amount = new BigDecimal(m.group(1));
        BigDecimal nanosPerUnit = BigDecimal.valueOf(switch (m.group(2)) {
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            default -> NANOS_PER_HOUR;
        });
        BigDecimal nanos = amount.multiply(nanosPerUnit);
        // Calls take their deadline in nanoseconds as a long; beyond that the value would wrap around.
        if (nanos.compareTo(MAX_NANOS) > 0) {
            throw new TypeConversionException("'" + value + "' is too long: the most is " + MAX + " (about 292 years)");
        }
        Duration duration = Duration.ofNanos(nanos.longValue());
        if (duration.isZero()) {
            throw new TypeConversionException("'" + value + "': the duration must be more than 0");
        }
        return duration;
    }
}
