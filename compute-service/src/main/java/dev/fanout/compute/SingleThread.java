package dev.fanout.compute;

import dev.fanout.v1.ComputeMode;
import jakarta.inject.Singleton;

/** COMPUTE_MODE_SINGLE: the whole range on one compute thread; a requested parts count is ignored. */
@Singleton
public class SingleThread extends LocalStrategy {

    public SingleThread(LocalParts local) {
        super(local);
    }

    @Override
    public ComputeMode mode() {
        return ComputeMode.COMPUTE_MODE_SINGLE;
    }

    @Override
    public int partsFor(int requested) {
        return 1;
    }
}
