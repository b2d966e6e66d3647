package dev.fanout.compute;

import dev.fanout.compute.kernel.Range;
import dev.fanout.v1.ComputePart;
import io.grpc.Deadline;
import io.smallrye.mutiny.Multi;
import java.util.List;
import java.util.Optional;

/** The modes that compute every part on this process's compute threads; they differ in the split. */
abstract class LocalStrategy implements ComputeStrategy {

    protected final LocalParts local;

    LocalStrategy(LocalParts local) {
        this.local = local;
    }

    @Override
    public Multi<ComputePart> compute(List<Range> parts, Optional<Deadline> deadline) {
        return local.compute(parts);
    }
}
