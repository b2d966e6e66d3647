package dev.fanout.fetcher.mode;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The platform threads of the THREADS and SEQUENTIAL calls, kept between calls. A pool per call
 * started and ended a thread for every slot of every call, which cost THREADS a fifth or more of its
 * CPU per URL at concurrency 100 (docs/benchmarks.md). How many run at once is bounded by the calls,
 * not here: each starts at most its concurrency, which admission has reserved from the downloads budget.
 */
@Singleton
public class PlatformThreads implements AutoCloseable {

    /**
     * An idle thread ends after this: long enough for calls that follow one another to share threads,
     * short enough that a burst's threads (about 0.15 MiB of RSS each) do not outlive it by much in a
     * pod's memory.
     */
    private static final long KEEP_ALIVE_SECONDS = 5;

    private final ExecutorService executor = new ThreadPoolExecutor(0, Integer.MAX_VALUE, KEEP_ALIVE_SECONDS,
            TimeUnit.SECONDS, new SynchronousQueue<>(), Thread.ofPlatform().daemon().name("fetch-thread-", 0).factory());

    ExecutorService executor() {
        return executor;
    }

    @PreDestroy
    @Override
    public void close() {
        executor.shutdownNow();
    }
}
