package dev.fanout.compute;

import dev.fanout.compute.kernel.Range;
import dev.fanout.v1.ComputeMode;
import dev.fanout.v1.ComputePart;
import io.grpc.Deadline;
import io.smallrye.mutiny.Multi;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/** COMPUTE_MODE_SINGLE: the whole range on one compute thread; a requested parts count is ignored. */
@Singleton
public class SingleThread implements ComputeStrategy {

    private final LocalParts local;

    public SingleThread(LocalParts local) {
        this.local = local;
    }

    @Override
    public ComputeMode mode() {
        return ComputeMode.COMPUTE_MODE_SINGLE;
    }

    @Override
    public int partsFor(int requested) {
        return 1;
    }

    @Override
    public Multi<ComputePart> compute(List<Range> parts, Optional<Deadline> deadline) {
        return local.compute(parts);
    }
}
