package dev.fanout.fetcher.mode;

import dev.fanout.fetcher.download.BlockingDownloader;
import dev.fanout.fetcher.request.FetchPlan;
import dev.fanout.v1.FetchMode;
import jakarta.inject.Singleton;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/** VIRTUAL_THREADS: a virtual thread per URL on the blocking client, a semaphore keeps {@code concurrency} in flight. */
@Singleton
public final class VirtualThreadStrategy extends BlockingStrategy {

    public VirtualThreadStrategy(BlockingDownloader downloader) {
        super(downloader);
    }

    @Override
    public FetchMode mode() {
        return FetchMode.FETCH_MODE_VIRTUAL_THREADS;
    }

    @Override
    ExecutorService executor(FetchPlan plan) {
        return Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("fetch-vt-", 0).factory());
    }

    @Override
    Semaphore gate(FetchPlan plan) {
        return new Semaphore(plan.concurrency());
    }
}
