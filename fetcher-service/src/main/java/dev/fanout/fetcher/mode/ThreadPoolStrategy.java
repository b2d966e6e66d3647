package dev.fanout.fetcher.mode;

import dev.fanout.fetcher.download.BlockingDownloader;
import dev.fanout.fetcher.request.FetchPlan;
import dev.fanout.v1.FetchMode;
import jakarta.inject.Singleton;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** THREADS: a pool of {@code concurrency} platform threads per call, each running blocking downloads. */
@Singleton
public final class ThreadPoolStrategy extends BlockingStrategy {

    public ThreadPoolStrategy(BlockingDownloader downloader) {
        super(downloader);
    }

    @Override
    public FetchMode mode() {
        return FetchMode.FETCH_MODE_THREADS;
    }

    @Override
    ExecutorService executor(FetchPlan plan) {
        return Executors.newFixedThreadPool(Math.min(plan.concurrency(), plan.urls().size()),
                Thread.ofPlatform().daemon().name("fetch-thread-", 0).factory());
    }
}
