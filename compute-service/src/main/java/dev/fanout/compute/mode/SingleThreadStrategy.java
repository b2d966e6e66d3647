package dev.fanout.compute.mode;

import dev.fanout.compute.request.ComputePlan;
import dev.fanout.v1.ComputeMode;
import jakarta.inject.Singleton;

/** COMPUTE_MODE_SINGLE: the whole range on one compute thread; a requested parts count is ignored. */
@Singleton
public class SingleThreadStrategy extends LocalStrategy {

    public SingleThreadStrategy(LocalParts local) {
        super(local);
    }

    @Override
    public ComputeMode mode() {
        return ComputeMode.COMPUTE_MODE_SINGLE;
    }

    @Override
    int parts(ComputePlan plan) {
        return 1;
    }
}
