package dev.fanout.cli.client;

/** The one conversion between protobuf Durations (the contract's) and java.time and milliseconds (the client's). */
public final class ProtoDurations {
    private ProtoDurations() {
    }

    public static double millis(com.google.protobuf.Duration d) {
        return d.getSeconds() * 1_000.0 + d.getNanos() / 1_000_000.0;
    }

    public static com.google.protobuf.Duration of(java.time.Duration d) {
        return com.google.protobuf.Duration.newBuilder().setSeconds(d.getSeconds()).setNanos(d.getNano()).build();
    }
}
