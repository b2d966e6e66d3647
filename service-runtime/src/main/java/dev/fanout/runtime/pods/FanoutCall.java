package dev.fanout.runtime.pods;

import io.grpc.Status;
import io.smallrye.mutiny.subscription.MultiEmitter;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** One call of PodsFanout.run: its parts, which of them wait, and its stream; guarded by the fan-out's lock. */
final class FanoutCall<R> {

    final PodsObserver.CallObserver observer;
    final Optional<Instant> deadline;
    final List<PartRun<R>> parts = new ArrayList<>();
    final Deque<PartRun<R>> waiting = new ArrayDeque<>();
    /** How long each finished part took, for the straggler threshold. */
    final List<Long> durations = new ArrayList<>();
    private final MultiEmitter<? super R> out;
    private final AtomicInteger unfinished;
    /** Completed, failed or cancelled: nothing more starts or is emitted for it. */
    volatile boolean over;
    /** What it ended with, when it completed or failed; a call ended without one was cancelled. */
    private volatile Status outcome;

    FanoutCall(MultiEmitter<? super R> out, PodsObserver.CallObserver observer, Optional<Instant> deadline,
            List<? extends Part<R>> parts) {
        this.out = out;
        this.observer = observer;
        this.deadline = deadline;
        parts.forEach(part -> this.parts.add(new PartRun<>(part)));
        this.waiting.addAll(this.parts);
        this.unfinished = new AtomicInteger(parts.size());
    }

    void emit(R result) {
        if (!over) {
            out.emit(result);
        }
    }

    /** Counted after the part's last result was emitted, so the call completes after every result. */
    void partEnded() {
        if (unfinished.decrementAndGet() == 0 && !over) {
            complete();
        }
    }

    /** Fails the call unless it is over: several parts may give up at once, and only the first failure is the call's. */
    void failOnce(Throwable failure) {
        synchronized (this) {
            if (over) {
                return;
            }
            over = true;
        }
        fail(failure);
    }

    void complete() {
        outcome = Status.OK;
        out.complete();
    }

    void fail(Throwable failure) {
        outcome = Status.fromThrowable(failure);
        out.fail(failure);
    }

    Status outcome() {
        return outcome == null ? Status.CANCELLED.withDescription("the caller cancelled the call") : outcome;
    }
}
