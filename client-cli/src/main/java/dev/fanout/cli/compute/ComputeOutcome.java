package dev.fanout.cli.compute;

import dev.fanout.cli.support.Durations;
import dev.fanout.v1.SumOfSquaresResponse;

/** A SumOfSquares answer and the time the client saw the call take, request to response. */
public record ComputeOutcome(SumOfSquaresResponse response, double clientMs) {

    /** The service's own elapsed time for the call. */
    public double serviceMs() {
        return Durations.millis(response.getElapsed());
    }
}
