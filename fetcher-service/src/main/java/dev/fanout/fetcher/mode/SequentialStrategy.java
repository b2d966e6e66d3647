package dev.fanout.fetcher.mode;

import dev.fanout.fetcher.download.BlockingDownloader;
import dev.fanout.fetcher.request.FetchPlan;
import dev.fanout.v1.FetchMode;
import jakarta.inject.Singleton;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** SEQUENTIAL: one platform thread per call, which takes the URLs in request order (the baseline). */
@Singleton
public final class SequentialStrategy extends BlockingStrategy {

    public SequentialStrategy(BlockingDownloader downloader) {
        super(downloader);
    }

    @Override
    public FetchMode mode() {
        return FetchMode.FETCH_MODE_SEQUENTIAL;
    }

    @Override
    ExecutorService executor(FetchPlan plan) {
        return Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("fetch-sequential-", 0).factory());
    }
}
