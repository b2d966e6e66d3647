package dev.fanout.fetcher.mode;

import dev.fanout.fetcher.download.BlockingDownloader;
import dev.fanout.fetcher.request.FetchPlan;
import dev.fanout.v1.FetchMode;
import dev.fanout.v1.FetchResult;
import io.smallrye.mutiny.Multi;
import java.util.concurrent.Executors;

/** THREADS: a pool of {@code concurrency} platform threads per call, each running blocking downloads. */
public final class ThreadPoolStrategy implements FetchStrategy {

    private final BlockingDownloader downloader;

    public ThreadPoolStrategy(BlockingDownloader downloader) {
        this.downloader = downloader;
    }

    @Override
    public FetchMode mode() {
        return FetchMode.FETCH_MODE_THREADS;
    }

    @Override
    public Multi<FetchResult> fetch(FetchPlan plan) {
        int threads = Math.min(plan.concurrency(), plan.urls().size());
        return Multi.createFrom().deferred(() -> BlockingFanout.run(plan, downloader,
                Executors.newFixedThreadPool(threads, Thread.ofPlatform().daemon().name("fetch-thread-", 0).factory()), null));
    }
}
