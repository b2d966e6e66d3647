package dev.fanout.cli.bench;

/**
 * The client's own cost per call, from many calls over a tiny range: client-observed time minus the
 * service's time (gRPC, network and both sides' serialisation), and the whole round trip, in µs.
 */
public record Overhead(int calls, double p50Us, double p99Us, double roundTripP50Us, double roundTripP99Us) {
}
