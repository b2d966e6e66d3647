package dev.fanout.v1.support;

import com.google.protobuf.Duration;

/** google.protobuf.Duration (the contract's) from and to the JVM's clocks and java.time: the one conversion. */
public final class ProtoDurations {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private ProtoDurations() {
    }

    public static Duration ofNanos(long nanos) {
        return Duration.newBuilder().setSeconds(nanos / NANOS_PER_SECOND).setNanos((int) (nanos % NANOS_PER_SECOND)).build();
    }

    /** The time since {@code startedNanos}, a {@link System#nanoTime()} reading. */
    public static Duration since(long startedNanos) {
        return ofNanos(System.nanoTime() - startedNanos);
    }

    public static Duration of(java.time.Duration duration) {
        return Duration.newBuilder().setSeconds(duration.getSeconds()).setNanos(duration.getNano()).build();
    }

    /** Milliseconds, with their fraction: for reports and benchmarks. */
    public static double millis(Duration duration) {
        return duration.getSeconds() * 1e3 + duration.getNanos() / 1e6;
    }
}
