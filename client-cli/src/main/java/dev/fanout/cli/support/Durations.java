package dev.fanout.cli.support;

import java.util.Locale;

/** Conversions between protobuf Durations, milliseconds, and what a person reads. */
public final class Durations {
    private Durations() {
    }

    public static double millis(com.google.protobuf.Duration d) {
        return d.getSeconds() * 1_000.0 + d.getNanos() / 1_000_000.0;
    }

    public static com.google.protobuf.Duration proto(java.time.Duration d) {
        return com.google.protobuf.Duration.newBuilder().setSeconds(d.getSeconds()).setNanos(d.getNano()).build();
    }

    public static double millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000.0;
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

    /** A compact human form of a java.time.Duration: 500ms, 2s, 1m30s. */
    public static String human(java.time.Duration d) {
        if (d.toMillis() < 1_000) {
            return d.toMillis() + "ms";
        }
        if (d.toSeconds() < 60 || d.toMillisPart() != 0) {
            return Json.decimal(d.toMillis() / 1_000.0).toPlainString() + "s";
        }
        long minutes = d.toMinutes();
        int seconds = d.toSecondsPart();
        return minutes + "m" + (seconds == 0 ? "" : seconds + "s");
    }
}
