package dev.fanout.compute.request;

import dev.fanout.compute.kernel.Range;
import dev.fanout.v1.ComputeMode;
import java.time.Instant;
import java.util.Optional;

/**
 * A validated SumOfSquares call: its resolved mode, the range, the parts the caller asked for (0: the
 * mode's strategy chooses), and the call's deadline (the caller's or the service's cap), which PODS
 * passes on to its workers.
 */
public record ComputePlan(ComputeMode mode, Range range, int requestedParts, Optional<Instant> deadline) {
}
