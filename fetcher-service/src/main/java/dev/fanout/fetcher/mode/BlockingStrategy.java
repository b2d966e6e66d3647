package dev.fanout.fetcher.mode;

import dev.fanout.fetcher.download.BlockingDownloader;
import dev.fanout.fetcher.download.DownloadAborts;
import dev.fanout.fetcher.request.FetchPlan;
import dev.fanout.v1.FetchResult;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.smallrye.mutiny.subscription.MultiEmitter;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The modes of the blocking client: blocking downloads on the threads a mode starts for a call, each
 * result emitted as its download finishes. Cancelling aborts the call's open connections and
 * interrupts its threads.
 */
abstract sealed class BlockingStrategy implements FetchStrategy
        permits SequentialStrategy, ThreadPoolStrategy, VirtualThreadStrategy {

    private final BlockingDownloader downloader;

    BlockingStrategy(BlockingDownloader downloader) {
        this.downloader = downloader;
    }

    /** Starts the tasks that download {@code call}'s URLs, each through {@link Call#submit}. */
    abstract void start(FetchPlan plan, Call call);

    @Override
    public final Multi<FetchResult> fetch(FetchPlan plan) {
        return Multi.createFrom().emitter(emitter -> {
            Call call = new Call(plan, emitter);
            emitter.onTermination(call::stop);
            start(plan, call);
        }, BackPressureStrategy.BUFFER);
    }

    /** One call's downloads: which URL is next, their results, and how to stop them. */
    final class Call {
        private final FetchPlan plan;
        private final MultiEmitter<? super FetchResult> emitter;
        private final DownloadAborts aborts = new DownloadAborts();
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger remaining;
        private final Queue<Future<?>> tasks = new ConcurrentLinkedQueue<>();

        private Call(FetchPlan plan, MultiEmitter<? super FetchResult> emitter) {
            this.plan = plan;
            this.emitter = emitter;
            this.remaining = new AtomicInteger(plan.urls().size());
        }

        /** Runs {@code task} on {@code executor}; interrupted if the call stops before it ends. */
        void submit(ExecutorService executor, Runnable task) {
            Future<?> future = executor.submit(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    emitter.fail(e); // a bug, not a URL's failure: end the call rather than hang it
                }
            });
            tasks.add(future);
            if (aborts.isAborted()) {
                future.cancel(true);
            }
        }

        /** The index of a URL no task has taken yet, or -1 when none is left or the call stopped. */
        int take() {
            int index = aborts.isAborted() ? -1 : next.getAndIncrement();
            return index < plan.urls().size() ? index : -1;
        }

        /** Downloads the URL at {@code index}, emits its result, and completes the call after the last. */
        void download(int index) {
            if (aborts.isAborted()) {
                return;
            }
            emitter.emit(downloader.fetch(index, plan.urls().get(index), plan.timeout(), aborts));
            if (remaining.decrementAndGet() == 0) {
                emitter.complete();
            }
        }

        /** Downloads URLs one after another until none is left: a worker of the pool modes. */
        void work() {
            for (int index = take(); index >= 0; index = take()) {
                download(index);
            }
        }

        private void stop() {
            aborts.abortAll();
            tasks.forEach(task -> task.cancel(true));
        }
    }
}
