package dev.fanout.fetcher.mode;

import dev.fanout.fetcher.download.BlockingDownloader;
import dev.fanout.fetcher.request.FetchPlan;
import dev.fanout.v1.FetchMode;
import dev.fanout.v1.FetchResult;
import io.smallrye.mutiny.Multi;
import java.util.concurrent.Executors;

/** SEQUENTIAL: one platform thread per call, which takes the URLs in request order (the baseline). */
public final class SequentialStrategy implements FetchStrategy {

    private final BlockingDownloader downloader;

    public SequentialStrategy(BlockingDownloader downloader) {
        this.downloader = downloader;
    }

    @Override
    public FetchMode mode() {
        return FetchMode.FETCH_MODE_SEQUENTIAL;
    }

    @Override
    public Multi<FetchResult> fetch(FetchPlan plan) {
        return Multi.createFrom().deferred(() -> BlockingFanout.run(plan, downloader,
                Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("fetch-sequential-", 0).factory()), null));
    }
}
