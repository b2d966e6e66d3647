package dev.fanout.compute;

import dev.fanout.compute.kernel.Range;
import dev.fanout.v1.ComputeMode;
import dev.fanout.v1.ComputePart;
import io.grpc.Deadline;
import io.smallrye.mutiny.Multi;
import java.util.List;
import java.util.Optional;

/** One concurrency model: how many parts a range is split into, and where they are computed. */
public interface ComputeStrategy {

    ComputeMode mode();

    /** The number of parts for a request's {@code parts} field (0: the strategy chooses). */
    int partsFor(int requested);

    /**
     * Emits each part's result as it finishes, in any order. Cancelling the subscription stops every
     * part started for it, wherever it runs.
     *
     * @param deadline the caller's deadline, passed on to any remote work
     */
    Multi<ComputePart> compute(List<Range> parts, Optional<Deadline> deadline);
}
