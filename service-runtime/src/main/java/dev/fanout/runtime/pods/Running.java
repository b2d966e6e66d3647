package dev.fanout.runtime.pods;

import io.smallrye.mutiny.subscription.Cancellable;

/**
 * One try of a part in flight on a worker. Its subscription is set just after it starts and may be
 * cancelled before; once cancelled, what the worker answers is the cancel's echo, never its failure.
 */
final class Running<R> {

    final FanoutCall<R> call;
    final PartRun<R> part;
    final Worker worker;
    final PodsObserver.AttemptObserver observer;
    final long started;
    boolean overdue;
    private Cancellable subscription;
    private boolean cancelled;

    Running(FanoutCall<R> call, PartRun<R> part, Worker worker, PodsObserver.AttemptObserver observer, long started) {
        this.call = call;
        this.part = part;
        this.worker = worker;
        this.observer = observer;
        this.started = started;
    }

    synchronized void subscribed(Cancellable subscription) {
        this.subscription = subscription;
        if (cancelled) {
            subscription.cancel();
        }
    }

    void cancel() {
        Cancellable toCancel;
        synchronized (this) {
            cancelled = true;
            toCancel = subscription;
        }
        if (toCancel != null) {
            toCancel.cancel();
        }
    }
}
