package dev.fanout.fetcher.download;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.fetcher.ExpectedBody;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The reader pauses once past the high water mark and resumes, once, on its own thread when the hasher drained it. */
class BodyBackPressureTest {

    private static final int MIB = 1024 * 1024;

    @Test
    void pausesPastHighWaterAndResumesOnTheReadersThreadOnceDrained() throws Exception {
        BodyDigest body = new BodyDigest(64L * MIB);
        AtomicInteger pauses = new AtomicInteger();
        AtomicInteger resumes = new AtomicInteger();
        Queue<Runnable> readerThread = new ConcurrentLinkedQueue<>();
        BodyBackPressure backPressure = new BodyBackPressure(body, pauses::incrementAndGet, resumes::incrementAndGet, readerThread::add);
        // Hold the hashing thread until the test lets it go: the first chunk's release waits for the gate.
        CountDownLatch gate = new CountDownLatch(1);
        body.handOver(() -> awaitQuietly(gate), ByteBuffer.wrap(pattern(0, 1)));

        long at = 1;
        for (int i = 0; i < 4; i++) { // 4 MiB waiting: at the high water mark, not past it
            assertTrue(backPressure.handOver(MIB, ByteBuffer.wrap(pattern(at, MIB))));
            at += MIB;
        }
        assertEquals(0, pauses.get());
        assertTrue(backPressure.handOver(MIB, ByteBuffer.wrap(pattern(at, MIB))));
        at += MIB;
        assertEquals(1, pauses.get(), "past 4 MiB waiting");
        assertEquals(5L * MIB, backPressure.waiting());

        gate.countDown();
        await("the hasher asks the reader to resume").atMost(Duration.ofSeconds(10)).until(() -> !readerThread.isEmpty());
        assertEquals(0, resumes.get(), "resumed on the reader's thread only");
        readerThread.remove().run();
        assertEquals(1, resumes.get());
        assertEquals(ExpectedBody.sha256(at), body.hex(), "every chunk hashed, in order");
        assertEquals(0, backPressure.waiting());
        assertTrue(readerThread.isEmpty(), "one resume per pause");
    }

    private static byte[] pattern(long from, int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) ('a' + (from + i) % 26);
        }
        return bytes;
    }

    private static void awaitQuietly(CountDownLatch gate) {
        try {
            gate.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
