package dev.fanout.fetcher.download;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A timeout runs once it is due and never after its cancel, however the timer thread sleeps. */
class DownloadTimersTest {

    private final DownloadTimers timers = new DownloadTimers("test-timeouts");

    @AfterEach
    void close() {
        timers.close();
    }

    @Test
    void aTimeoutRunsNoSoonerThanItIsDue() throws InterruptedException {
        CountDownLatch ran = new CountDownLatch(1);
        long start = System.nanoTime();
        long[] ranAfter = new long[1];
        timers.schedule(Duration.ofMillis(50), () -> {
            ranAfter[0] = System.nanoTime() - start;
            ran.countDown();
        });
        assertTrue(ran.await(10, TimeUnit.SECONDS));
        assertTrue(ranAfter[0] >= Duration.ofMillis(50).toNanos(), "ran after " + ranAfter[0] + " ns");
    }

    @Test
    void aCancelledTimeoutNeverRuns() throws InterruptedException {
        CountDownLatch cancelledRan = new CountDownLatch(1);
        CountDownLatch laterRan = new CountDownLatch(1);
        timers.schedule(Duration.ofMillis(20), cancelledRan::countDown).cancel();
        timers.schedule(Duration.ofMillis(100), laterRan::countDown);
        assertTrue(laterRan.await(10, TimeUnit.SECONDS));
        assertEquals(1, cancelledRan.getCount());
    }

    @Test
    void aTimeoutDueBeforeTheOneTheThreadSleepsToWakesIt() throws InterruptedException {
        timers.schedule(Duration.ofHours(1), () -> { });
        await().pollDelay(Duration.ofMillis(50)).until(() -> true); // the thread now sleeps to the hour
        CountDownLatch ran = new CountDownLatch(1);
        timers.schedule(Duration.ofMillis(20), ran::countDown);
        assertTrue(ran.await(10, TimeUnit.SECONDS), "the earlier timeout waited for the later one");
    }

    @Test
    void aTimeoutAddedAfterTheOneTheThreadSleepsToWasCancelledStillRuns() throws InterruptedException {
        // The case the class is for: the thread sleeps to a timeout that is gone, and the next one,
        // due after it, did not wake the thread.
        timers.schedule(Duration.ofMillis(100), () -> { }).cancel();
        CountDownLatch ran = new CountDownLatch(1);
        timers.schedule(Duration.ofMillis(300), ran::countDown);
        assertTrue(ran.await(10, TimeUnit.SECONDS));
    }

    @Test
    void timeoutsScheduledAndCancelledFromManyThreadsRunExactlyWhenNotCancelled() throws Exception {
        Set<Integer> ran = ConcurrentHashMap.newKeySet();
        Set<Integer> kept = ConcurrentHashMap.newKeySet();
        ExecutorService schedulers = Executors.newFixedThreadPool(8);
        List<Future<?>> scheduled = new ArrayList<>();
        for (int i = 0; i < 4000; i++) {
            int id = i;
            scheduled.add(schedulers.submit(() -> {
                if (id % 10 == 0) {
                    kept.add(id);
                    timers.schedule(Duration.ofMillis(id % 50), () -> ran.add(id));
                } else {
                    // cancelled long before it is due, as a download that ends in time
                    timers.schedule(Duration.ofMillis(200 + id % 50), () -> ran.add(id)).cancel();
                }
            }));
        }
        for (Future<?> future : scheduled) {
            future.get();
        }
        schedulers.shutdown();
        await().atMost(Duration.ofSeconds(10)).until(() -> ran.containsAll(kept));
        await().pollDelay(Duration.ofMillis(400)).until(() -> true); // past every cancelled one's time
        assertEquals(kept, ran);
    }
}
