package dev.fanout.fetcher.download;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Aborts every blocking download of one call when the call is cancelled (client gone, deadline passed). */
public final class CallCancellation {

    private final Set<Runnable> aborts = ConcurrentHashMap.newKeySet();
    private volatile boolean cancelled;

    public boolean isCancelled() {
        return cancelled;
    }

    /** Runs {@code abort} on cancellation, at once if the call is already cancelled. */
    public Registration onCancel(Runnable abort) {
        aborts.add(abort);
        if (cancelled) {
            abort.run();
        }
        return () -> aborts.remove(abort);
    }

    public void cancel() {
        cancelled = true;
        aborts.forEach(Runnable::run);
    }

    /** Undoes an {@link #onCancel} once its download ended. */
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
