package dev.fanout.compute;

import dev.fanout.v1.ComputeMode;
import jakarta.inject.Singleton;

/** COMPUTE_MODE_CORES: equal parts, one per core unless the caller asks for a count. */
@Singleton
public class AllCores extends LocalStrategy {

    public AllCores(LocalParts local) {
        super(local);
    }

    @Override
    public ComputeMode mode() {
        return ComputeMode.COMPUTE_MODE_CORES;
    }

    @Override
    public int partsFor(int requested) {
        return requested == 0 ? local.threads() : requested;
    }
}
