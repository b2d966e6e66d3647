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
    private static final long MAX_NANOS = MAX_HOURS * NANOS_PER_HOUR;
    private static final Pattern FORMAT = Pattern.compile("(\\d+)(?:\\.(\\d+))?(ms|s|m|h)");

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    public static Duration parse(String value) {
        Matcher m = FORMAT.matcher(value.strip());
        if (!m.matches()) {
            throw new TypeConversionException("'" + value + "' is not a duration: use e.g. 500ms, 2s, 1.5s, 1m, 1h");
        }
        long nanosPerUnit = switch (m.group(3)) {
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            default -> NANOS_PER_HOUR;
        };
        // Calls take their deadline in nanoseconds as a long; beyond that the value would wrap around.
        long nanos;
        try {
            nanos = Math.addExact(Math.multiplyExact(Long.parseLong(m.group(1)), nanosPerUnit), fractionNanos(m.group(2), nanosPerUnit));
        } catch (ArithmeticException | NumberFormatException tooLong) {
            nanos = Long.MAX_VALUE;
        }
        if (nanos > MAX_NANOS) {
            throw new TypeConversionException("'" + value + "' is too long: the most is " + MAX + " (about 292 years)");
        }
        Duration duration = Duration.ofNanos(nanos);
        if (duration.isZero()) {
            throw new TypeConversionException("'" + value + "': the duration must be more than 0");
        }
        return duration;
    }

    /**
     * The whole nanoseconds in 0.{digits} units. BigDecimal only here, for the rare fraction: its class
     * initialisation alone is a few milliseconds of every start-up that touched it.
     */
    private static long fractionNanos(String digits, long nanosPerUnit) {
        return digits == null ? 0 : new BigDecimal("0." + digits).multiply(BigDecimal.valueOf(nanosPerUnit)).longValue();
    }
}
