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

    /** Starts a new virtual thread for every task; it holds nothing, so one serves every call. */
    private final ExecutorService virtualThreads =
            Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("fetch-vt-", 0).factory());

    public VirtualThreadStrategy(BlockingDownloader downloader) {
        super(downloader);
    }

    @Override
    public FetchMode mode() {
        return FetchMode.FETCH_MODE_VIRTUAL_THREADS;
    }

    @Override
    void start(FetchPlan plan, Call call) {
        Semaphore inFlight = new Semaphore(plan.concurrency());
        for (int i = 0; i < plan.urls().size(); i++) {
            int index = i;
            call.submit(virtualThreads, () -> {
                try {
                    inFlight.acquire();
                } catch (InterruptedException e) {
                    return; // the call stopped while this URL waited for a slot
                }
                try {
                    call.download(index);
                } finally {
                    inFlight.release();
                }
            });
        }
    }
}
