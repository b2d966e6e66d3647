package dev.fanout.cli.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.fanout.cli.render.Numbers;
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
    void humanFormRoundTrips() {
        assertEquals("500ms", Numbers.human(Duration.ofMillis(500)));
        assertEquals("2s", Numbers.human(Duration.ofSeconds(2)));
        assertEquals("1.5s", Numbers.human(Duration.ofMillis(1500)));
        assertEquals("5m", Numbers.human(Duration.ofMinutes(5)));
        assertEquals("1m30s", Numbers.human(Duration.ofSeconds(90)));
    }
}
