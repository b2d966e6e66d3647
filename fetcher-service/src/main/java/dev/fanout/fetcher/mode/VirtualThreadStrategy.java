package dev.fanout.fetcher.mode;

import dev.fanout.fetcher.request.FetchPlan;
import dev.fanout.fetcher.download.BlockingDownloader;
import dev.fanout.v1.FetchMode;
import dev.fanout.v1.FetchResult;
import io.smallrye.mutiny.Multi;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/** VIRTUAL_THREADS: a virtual thread per URL on the blocking client, a semaphore keeps {@code concurrency} in flight. */
public final class VirtualThreadStrategy implements FetchStrategy {

    private final BlockingDownloader downloader;

    public VirtualThreadStrategy(BlockingDownloader downloader) {
        this.downloader = downloader;
    }

    @Override
    public FetchMode mode() {
        return FetchMode.FETCH_MODE_VIRTUAL_THREADS;
    }

    @Override
    public Multi<FetchResult> fetch(FetchPlan plan) {
        return Multi.createFrom().deferred(() -> BlockingFanout.run(plan, downloader,
                Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("fetch-vt-", 0).factory()),
                new Semaphore(plan.concurrency())));
    }
}
