package dev.fanout.fetcher.mode;

import dev.fanout.fetcher.download.BlockingDownloader;
import dev.fanout.fetcher.request.FetchPlan;
import dev.fanout.v1.FetchMode;
import jakarta.inject.Singleton;

/** SEQUENTIAL: one platform thread per call, which takes the URLs in request order (the baseline). */
@Singleton
public final class SequentialStrategy extends BlockingStrategy {

    private final PlatformThreads threads;

    public SequentialStrategy(BlockingDownloader downloader, PlatformThreads threads) {
        super(downloader);
        this.threads = threads;
    }

    @Override
    public FetchMode mode() {
        return FetchMode.FETCH_MODE_SEQUENTIAL;
    }

    @Override
    void start(FetchPlan plan, Call call) {
        call.submit(threads.executor(), call::work);
    }
}
