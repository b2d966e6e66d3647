package dev.fanout.compute.mode;

import dev.fanout.compute.request.ComputePlan;
import dev.fanout.v1.ComputeMode;

/** One concurrency model: how a plan's range is split into parts, and where they are computed. */
public interface ComputeStrategy {

    ComputeMode mode();

    /**
     * Splits the plan's range its own way and computes the parts. The run's stream emits each part's
     * result as it finishes, in any order; cancelling its subscription stops every part started for
     * it, wherever it runs.
     */
    ComputeRun compute(ComputePlan plan);
}
