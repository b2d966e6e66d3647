package dev.fanout.cli.render;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Numbers as people read them (tables, messages) and as the JSON output rounds them. */
public final class Numbers {
    private Numbers() {
    }

    /**
     * 0.42, 12.3, 1,234 : more decimals for small values, grouping for large ones. Rounded half up
     * from the double's shortest decimal, as {@code String.format("%.2f")} rounds, without a
     * Formatter: this runs once per row of a fetch's table, and Formatter parses its pattern each time.
     */
    public static String ms(double millis) {
        if (!Double.isFinite(millis)) {
            return String.valueOf(millis);
        }
        int decimals = Math.abs(millis) < 10 ? 2 : Math.abs(millis) < 1_000 ? 1 : 0;
        BigDecimal rounded = new BigDecimal(Double.toString(millis)).setScale(decimals, RoundingMode.HALF_UP);
        return decimals > 0 ? rounded.toPlainString() : grouped(rounded.longValueExact());
    }

    /** 1,234,567 : thousands grouped with commas, as {@code %,d} writes them in Locale.ROOT. */
    public static String grouped(long value) {
        String digits = Long.toString(Math.abs(value));
        StringBuilder out = new StringBuilder(digits.length() + digits.length() / 3 + 1);
        if (value < 0) {
            out.append('-');
        }
        int head = digits.length() % 3 == 0 ? 3 : digits.length() % 3;
        out.append(digits, 0, head);
        for (int i = head; i < digits.length(); i += 3) {
            out.append(',').append(digits, i, i + 3);
        }
        return out.toString();
    }

    /** Milliseconds (or any measure) rounded to 3 decimals, written without exponent. */
    public static BigDecimal decimal(double value) {
        return BigDecimal.valueOf(value).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros();
    }
}
