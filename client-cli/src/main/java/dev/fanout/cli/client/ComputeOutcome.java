package dev.fanout.cli.client;

import dev.fanout.v1.SumOfSquaresResponse;
import dev.fanout.v1.support.ProtoDurations;

/** A SumOfSquares answer and the time the client saw the call take, request to response. */
public record ComputeOutcome(SumOfSquaresResponse response, double clientMs) {

    /** The service's own elapsed time for the call. */
    public double serviceMs() {
        return ProtoDurations.millis(response.getElapsed());
    }
}
