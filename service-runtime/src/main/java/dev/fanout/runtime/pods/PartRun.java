package dev.fanout.runtime.pods;

import io.grpc.Status;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A part of a call and its tries so far; guarded by the fan-out's lock. */
final class PartRun<R> {

    final Part<R> part;
    final List<Running<R>> running = new ArrayList<>(2);
    /** The workers whose tries failed, in order, for the message when it gives up. */
    final Set<String> failedOn = new LinkedHashSet<>();
    int attempts;
    boolean speculated;
    boolean done;

    PartRun(Part<R> part) {
        this.part = part;
    }

    boolean runsOn(Worker worker) {
        return running.stream().anyMatch(run -> run.worker == worker);
    }

    PartFailure failure(Status last) {
        return new PartFailure(attempts, List.copyOf(failedOn), last);
    }
}
