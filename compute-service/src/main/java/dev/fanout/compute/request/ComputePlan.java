package dev.fanout.compute.request;

import dev.fanout.compute.kernel.Range;
import dev.fanout.v1.ComputeMode;
import java.time.Instant;
import java.util.Optional;

/**
 * A validated SumOfSquares call: its resolved mode, the range, the parts the caller asked for (0: the
 * mode's strategy chooses), and the deadline the caller set, which PODS passes on to its workers (the
 * service's own cap is not passed on: at the cap the call's end cancels the worker calls).
 */
public record ComputePlan(ComputeMode mode, Range range, int requestedParts, Optional<Instant> deadline) {
}
