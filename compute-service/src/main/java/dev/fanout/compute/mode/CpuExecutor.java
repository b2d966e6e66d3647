package dev.fanout.compute.mode;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * The threads that run kernels: one per core this process may use (availableProcessors follows
 * container CPU limits), so CPU work never runs on an event loop and never oversubscribes the cores.
 */
@Singleton
public class CpuExecutor {

    private final int threads = Runtime.getRuntime().availableProcessors();
    private final AtomicInteger running = new AtomicInteger();
    private final ExecutorService pool;

    public CpuExecutor(MeterRegistry registry) {
        this.pool = Executors.newFixedThreadPool(threads,
                Thread.ofPlatform().daemon().name("compute-", 1).factory());
        Gauge.builder("fanout.compute.kernels.running", running, AtomicInteger::get)
                .description("Kernels computing a part right now")
                .register(registry);
    }

    /** The number of threads, that is the cores this process may use. */
    public int threads() {
        return threads;
    }

    /**
     * Runs {@code work} on a compute thread. Cancelling the returned Uni (or its ending any other way)
     * raises the flag that the work polls, and drops it from the queue if it has not started.
     */
    public <T> Uni<T> submit(Function<BooleanSupplier, T> work) {
        return Uni.createFrom().emitter(emitter -> {
            AtomicBoolean cancelled = new AtomicBoolean();
            Future<?> task = pool.submit(() -> {
                if (cancelled.get()) {
                    return;
                }
                running.incrementAndGet();
                try {
                    emitter.complete(work.apply(cancelled::get));
                } catch (CancellationException stopped) {
                    // Nobody is waiting for the result any more.
                } catch (RuntimeException | Error failure) {
                    emitter.fail(failure);
                } finally {
                    running.decrementAndGet();
                }
            });
            emitter.onTermination(() -> {
                cancelled.set(true);
                task.cancel(false);
            });
        });
    }

    /** Kernels running now: the gauge tests and operators watch to see cancellation take effect. */
    public int running() {
        return running.get();
    }

    @PreDestroy
    public void stop() {
        pool.shutdownNow();
    }
}
