package dev.fanout.cli.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Numbers.ms writes what String.format wrote before it, rounding included, for every range. */
class NumbersTest {

    @ParameterizedTest
    @ValueSource(doubles = {0, 0.004, 0.005, 0.125, 1.005, 2.675, 9.994, 9.995, 9.9999, 10, 10.05, 99.95, 123.45, 999.94,
            999.95, 1000, 1234.5, 1235.5, 999_999.5, 1_234_567.49, 86_400_000})
    void formatsMillisecondsAsFormatterDid(double millis) {
        String expected = millis < 10 ? String.format(Locale.ROOT, "%.2f", millis)
                : millis < 1_000 ? String.format(Locale.ROOT, "%.1f", millis) : String.format(Locale.ROOT, "%,.0f", millis);
        assertEquals(expected, Numbers.ms(millis));
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 7, 999, 1000, 10_000, 123_456, 1_234_567, 1_073_741_824L, Long.MAX_VALUE, -1234})
    void groupsThousandsAsFormatterDid(long value) {
        assertEquals(String.format(Locale.ROOT, "%,d", value), Numbers.grouped(value));
    }
}
