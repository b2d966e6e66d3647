package dev.fanout.cli.client;

import java.util.List;

import dev.fanout.v1.FetchResult;
import dev.fanout.v1.FetchSummary;
import dev.fanout.v1.support.ProtoDurations;

/** Every result of a Fetch call in completion order, its summary, and the client-observed time. */
public record FetchOutcome(List<FetchResult> results, FetchSummary summary, double clientMs) {

    /** The service's wall time for the whole call. */
    public double serviceMs() {
        return ProtoDurations.millis(summary.getElapsed());
    }
}
