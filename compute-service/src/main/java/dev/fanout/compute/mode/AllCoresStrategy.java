package dev.fanout.compute.mode;

import dev.fanout.compute.request.ComputePlan;
import dev.fanout.v1.ComputeMode;
import jakarta.inject.Singleton;

/** COMPUTE_MODE_CORES: equal parts, one per core unless the caller asks for a count. */
@Singleton
public class AllCoresStrategy extends LocalStrategy {

    public AllCoresStrategy(LocalParts local) {
        super(local);
    }

    @Override
    public ComputeMode mode() {
        return ComputeMode.COMPUTE_MODE_CORES;
    }

    @Override
    int parts(ComputePlan plan) {
        return plan.requestedParts() == 0 ? local.threads() : plan.requestedParts();
    }
}
