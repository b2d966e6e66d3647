package dev.fanout.cli.render;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/** Numbers as people read them (tables, messages) and as the JSON output rounds them. */
public final class Numbers {
    private Numbers() {
    }

    /** 0.42, 12.3, 1,234 : more decimals for small values, grouping for large ones. */
    public static String ms(double millis) {
        if (millis < 10) {
            return String.format(Locale.ROOT, "%.2f", millis);
        }
        if (millis < 1_000) {
            return String.format(Locale.ROOT, "%.1f", millis);
        }
        return String.format(Locale.ROOT, "%,.0f", millis);
    }

    /** Milliseconds (or any measure) rounded to 3 decimals, written without exponent. */
    public static BigDecimal decimal(double value) {
        return BigDecimal.valueOf(value).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros();
    }
}
