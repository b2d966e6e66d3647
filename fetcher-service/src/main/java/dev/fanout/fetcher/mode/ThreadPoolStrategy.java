package dev.fanout.fetcher.mode;

import dev.fanout.fetcher.download.BlockingDownloader;
import dev.fanout.v1.FetchMode;
import dev.fanout.v1.FetchResult;
import io.smallrye.mutiny.Multi;
import java.util.concurrent.Executors;

/**
 * THREADS: a pool of {@code concurrency} platform threads per call, each running blocking
 * downloads. SEQUENTIAL is the same with one thread, which takes the URLs in request order.
 */
public final class ThreadPoolStrategy implements FetchStrategy {

    private final FetchMode mode;
    private final BlockingDownloader downloader;

    private ThreadPoolStrategy(FetchMode mode, BlockingDownloader downloader) {
        this.mode = mode;
        this.downloader = downloader;
    }

    public static ThreadPoolStrategy threads(BlockingDownloader downloader) {
        return new ThreadPoolStrategy(FetchMode.FETCH_MODE_THREADS, downloader);
    }

    public static ThreadPoolStrategy sequential(BlockingDownloader downloader) {
        return new ThreadPoolStrategy(FetchMode.FETCH_MODE_SEQUENTIAL, downloader);
    }

    @Override
    public FetchMode mode() {
        return mode;
    }

    @Override
    public Multi<FetchResult> fetch(FetchPlan plan) {
        int threads = mode == FetchMode.FETCH_MODE_SEQUENTIAL ? 1 : Math.min(plan.concurrency(), plan.urls().size());
        String prefix = mode == FetchMode.FETCH_MODE_SEQUENTIAL ? "fetch-sequential-" : "fetch-thread-";
        return Multi.createFrom().deferred(() -> BlockingFanout.run(plan, downloader,
                Executors.newFixedThreadPool(threads, Thread.ofPlatform().daemon().name(prefix, 0).factory()), null));
    }
}
