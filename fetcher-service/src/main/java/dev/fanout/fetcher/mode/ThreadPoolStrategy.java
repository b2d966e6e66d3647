package dev.fanout.fetcher.mode;

import dev.fanout.fetcher.download.BlockingDownloader;
import dev.fanout.fetcher.request.FetchPlan;
import dev.fanout.v1.FetchMode;
import jakarta.inject.Singleton;

/**
 * THREADS: {@code concurrency} platform threads per call, each downloading the next URL until none is
 * left. The threads come from {@link PlatformThreads}, kept between calls.
 */
@Singleton
public final class ThreadPoolStrategy extends BlockingStrategy {

    private final PlatformThreads threads;

    public ThreadPoolStrategy(BlockingDownloader downloader, PlatformThreads threads) {
        super(downloader);
        this.threads = threads;
    }

    @Override
    public FetchMode mode() {
        return FetchMode.FETCH_MODE_THREADS;
    }

    @Override
    void start(FetchPlan plan, Call call) {
        for (int i = Math.min(plan.concurrency(), plan.urls().size()); i > 0; i--) {
            call.submit(threads.executor(), call::work);
        }
    }
}
