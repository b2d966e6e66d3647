package dev.fanout.fetcher.mode;

import dev.fanout.fetcher.download.BlockingDownloader;
import dev.fanout.fetcher.download.DownloadAborts;
import dev.fanout.fetcher.request.FetchPlan;
import dev.fanout.v1.FetchResult;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The modes of the blocking client: blocking downloads, one task per URL, on the executor a mode
 * provides, optionally gated by a semaphore; results are emitted as tasks finish. Cancelling aborts
 * the open connections and interrupts the workers.
 */
abstract sealed class BlockingStrategy implements FetchStrategy
        permits SequentialStrategy, ThreadPoolStrategy, VirtualThreadStrategy {

    private final BlockingDownloader downloader;

    BlockingStrategy(BlockingDownloader downloader) {
        this.downloader = downloader;
    }

    /** The executor of one call's downloads, shut down when the call ends. */
    abstract ExecutorService executor(FetchPlan plan);

    /** Bounds the downloads in flight when the executor does not; null when it does. */
    Semaphore gate(FetchPlan plan) {
        return null;
    }

    @Override
    public final Multi<FetchResult> fetch(FetchPlan plan) {
        return Multi.createFrom().deferred(() -> run(plan, executor(plan), gate(plan)));
    }

    private Multi<FetchResult> run(FetchPlan plan, ExecutorService executor, Semaphore gate) {
        return Multi.createFrom().emitter(emitter -> {
            DownloadAborts aborts = new DownloadAborts();
            emitter.onTermination(() -> {
                aborts.abortAll();
                executor.shutdownNow();
            });
            AtomicInteger remaining = new AtomicInteger(plan.urls().size());
            for (int i = 0; i < plan.urls().size(); i++) {
                int index = i;
                executor.execute(() -> {
                    try {
                        if (gate != null) {
                            gate.acquire();
                        }
                        try {
                            if (!aborts.isAborted()) {
                                emitter.emit(downloader.fetch(index, plan.urls().get(index), plan.timeout(), aborts));
                            }
                        } finally {
                            if (gate != null) {
                                gate.release();
                            }
                        }
                        if (remaining.decrementAndGet() == 0) {
                            emitter.complete();
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt(); // cancelled while waiting for a slot
                    } catch (RuntimeException e) {
                        emitter.fail(e); // a bug, not a URL's failure: end the call rather than hang it
                    }
                });
            }
            executor.shutdown(); // workers exit once the queue is drained
        }, BackPressureStrategy.BUFFER);
    }
}
