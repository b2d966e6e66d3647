package dev.fanout.compute;

import dev.fanout.compute.kernel.Range;
import dev.fanout.v1.ComputeMode;
import dev.fanout.v1.ComputePart;
import io.grpc.Deadline;
import io.smallrye.mutiny.Multi;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/** COMPUTE_MODE_CORES: equal parts, one per core unless the caller asks for a count. */
@Singleton
public class AllCores implements ComputeStrategy {

    private final LocalParts local;

    public AllCores(LocalParts local) {
        this.local = local;
    }

    @Override
    public ComputeMode mode() {
        return ComputeMode.COMPUTE_MODE_CORES;
    }

    @Override
    public int partsFor(int requested) {
        return requested == 0 ? local.threads() : requested;
    }

    @Override
    public Multi<ComputePart> compute(List<Range> parts, Optional<Deadline> deadline) {
        return local.compute(parts);
    }
}
