package dev.fanout.compute.mode;

import dev.fanout.compute.request.ComputePlan;

/** The modes that compute every part on this process's compute threads; they differ in the split. */
abstract class LocalStrategy implements ComputeStrategy {

    protected final LocalParts local;

    LocalStrategy(LocalParts local) {
        this.local = local;
    }

    /** How many parts to cut the plan's range into. */
    abstract int parts(ComputePlan plan);

    @Override
    public ComputeRun compute(ComputePlan plan) {
        int parts = parts(plan);
        return new ComputeRun(parts, local.compute(plan.range().split(parts)));
    }
}
