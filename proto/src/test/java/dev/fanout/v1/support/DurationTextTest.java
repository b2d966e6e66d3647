package dev.fanout.v1.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationTextTest {

    @Test
    void theLargestWholeUnit() {
        assertEquals("1h", DurationText.of(Duration.ofHours(1)));
        assertEquals("10m", DurationText.of(Duration.ofMinutes(10)));
        assertEquals("90s", DurationText.of(Duration.ofSeconds(90)));
        assertEquals("2s", DurationText.of(Duration.ofSeconds(2)));
        assertEquals("1500ms", DurationText.of(Duration.ofMillis(1500)));
        assertEquals("500ms", DurationText.of(Duration.ofMillis(500)));
        assertEquals("0s", DurationText.of(Duration.ZERO));
    }

    @Test
    void exactBelowAMillisecondAndBelowZero() {
        assertEquals("0.0005s", DurationText.of(Duration.ofNanos(500_000)));
        assertEquals("1.000000001s", DurationText.of(Duration.ofSeconds(1, 1)));
        assertEquals("-3s", DurationText.of(Duration.ofSeconds(-3)));
        assertEquals("-0.5s", DurationText.of(Duration.ofMillis(-500)));
    }
}
