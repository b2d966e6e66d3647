package dev.fanout.cli.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.fanout.v1.support.DurationText;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {

    @Test
    void parsesTheUnitsPeopleType() {
        assertEquals(Duration.ofMillis(500), DurationConverter.parse("500ms"));
        assertEquals(Duration.ofSeconds(2), DurationConverter.parse("2s"));
        assertEquals(Duration.ofMillis(1500), DurationConverter.parse("1.5s"));
        assertEquals(Duration.ofMinutes(1), DurationConverter.parse("1m"));
        assertEquals(Duration.ofHours(2), DurationConverter.parse("2h"));
    }

    @Test
    void rejectsOtherFormsWithExamples() {
        for (String bad : new String[] { "2", "2x", "-1s", "s", "0s", "" }) {
            TypeConversionException e = assertThrows(TypeConversionException.class, () -> DurationConverter.parse(bad), bad);
            assertEquals(true, e.getMessage().contains("500ms") || e.getMessage().contains("more than 0"), e.getMessage());
        }
    }

    @Test
    void refusesWhatDoesNotFitInsteadOfWrappingAround() {
        assertEquals(Duration.ofHours(2_562_047), DurationConverter.parse("2562047h"));
        for (String tooLong : new String[] { "2562048h", "300000000000000s", "9223372036855ms" }) {
            TypeConversionException e = assertThrows(TypeConversionException.class, () -> DurationConverter.parse(tooLong), tooLong);
            assertEquals("'" + tooLong + "' is too long: the most is 2562047h (about 292 years)", e.getMessage());
        }
    }

    @Test
    void whatTheClientPrintsItReadsBack() {
        for (Duration d : new Duration[] { Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofMillis(1500), Duration.ofMinutes(5),
                Duration.ofSeconds(90), Duration.ofHours(3), Duration.ofNanos(500_000) }) {
            assertEquals(d, DurationConverter.parse(DurationText.of(d)), DurationText.of(d));
        }
    }
}
