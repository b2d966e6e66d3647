package dev.fanout.fetcher.mode;

import dev.fanout.fetcher.request.FetchPlan;
import dev.fanout.fetcher.download.BlockingDownloader;
import dev.fanout.fetcher.download.CallCancellation;
import dev.fanout.v1.FetchResult;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs blocking downloads, one task per URL, on the executor a mode provides, optionally gated by a
 * semaphore, and emits results as tasks finish. Cancelling aborts the open connections and
 * interrupts the workers.
 */
final class BlockingFanout {

    private BlockingFanout() {
    }

    static Multi<FetchResult> run(FetchPlan plan, BlockingDownloader downloader, ExecutorService executor, Semaphore gate) {
        return Multi.createFrom().emitter(emitter -> {
            CallCancellation cancellation = new CallCancellation();
            emitter.onTermination(() -> {
                cancellation.cancel();
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
                            if (!cancellation.isCancelled()) {
                                emitter.emit(downloader.fetch(index, plan.urls().get(index), plan.timeout(), cancellation));
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
