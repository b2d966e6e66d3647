package dev.fanout.runtime.pods;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The fan-out's time: what it measures durations and benches with, and where its timers (retry
 * backoffs, the straggler check, the target's refresh) run. Tests pass a clock they advance by hand.
 */
public interface PodsClock extends AutoCloseable {

    /** Now, in nanoseconds from an arbitrary origin, as System.nanoTime. */
    long nanoTime();

    /** Runs {@code task} once, {@code delay} from now, on the clock's timer thread. */
    void schedule(Duration delay, Runnable task);

    /** Stops its timers, if it has its own. */
    @Override
    default void close() {
    }

    /** The system's time, with one daemon timer thread named after the pool; close stops the timers. */
    static SystemClock system(String pool) {
        return new SystemClock(Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("pods-" + pool).factory()));
    }

    /** The system's time and timer thread. */
    record SystemClock(ScheduledExecutorService timers) implements PodsClock {

        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void schedule(Duration delay, Runnable task) {
            if (!timers.isShutdown()) {
                timers.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
            }
        }

        @Override
        public void close() {
            timers.shutdownNow();
        }
    }
}
