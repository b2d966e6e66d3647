package dev.fanout.fetcher.download;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The abort of every blocking download one call started, when the call's stream is cancelled (the
 * caller cancelled or went away, a deadline or the time cap passed). Not the call's cancellation
 * itself (that is its gRPC Context, see CallContexts), but how it reaches blocking I/O.
 */
public final class DownloadAborts {

    private final Set<Runnable> aborts = ConcurrentHashMap.newKeySet();
    private volatile boolean aborted;

    public boolean isAborted() {
        return aborted;
    }

    /** Runs {@code abort} when the downloads are aborted, at once if they already are. */
    public Registration onAbort(Runnable abort) {
        aborts.add(abort);
        if (aborted) {
            abort.run();
        }
        return () -> aborts.remove(abort);
    }

    public void abortAll() {
        aborted = true;
        aborts.forEach(Runnable::run);
    }

    /** Undoes an {@link #onAbort} once its download ended. */
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
