package dev.fanout.fetcher.mode;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The platform threads of the THREADS and SEQUENTIAL calls, kept between calls. A pool per call
 * started and ended a thread for every slot of every call: a twelfth of THREADS' CPU per URL at
 * concurrency 100. How many run at once is bounded by the calls, not here: each starts at most its
 * concurrency, which admission has reserved from the downloads budget. A thread left idle a minute ends.
 */
@Singleton
public class PlatformThreads implements AutoCloseable {

    private final ExecutorService executor =
            Executors.newCachedThreadPool(Thread.ofPlatform().daemon().name("fetch-thread-", 0).factory());

    ExecutorService executor() {
        return executor;
    }

    @PreDestroy
    @Override
    public void close() {
        executor.shutdownNow();
    }
}
