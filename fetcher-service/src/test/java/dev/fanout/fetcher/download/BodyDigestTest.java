package dev.fanout.fetcher.download;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.fetcher.ExpectedBody;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BodyDigestTest {

    private static byte[] pattern(int from, int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) ('a' + (from + i) % 26);
        }
        return bytes;
    }

    @Test
    void chunksDigestLikeTheWholeBody() {
        BodyDigest digest = new BodyDigest(1_000_000);
        assertTrue(digest.update(pattern(0, 1000), 1000));
        assertTrue(digest.update(ByteBuffer.wrap(pattern(1000, 4000))));
        assertEquals(5000, digest.bytes());
        assertFalse(digest.overflowed());
        assertEquals(ExpectedBody.sha256(5000), digest.hex());
    }

    @Test
    void theCapStopsExactlyAtItsSize() {
        BodyDigest digest = new BodyDigest(1500);
        assertTrue(digest.update(pattern(0, 1000), 1000));
        assertFalse(digest.update(pattern(1000, 1000), 1000));
        assertTrue(digest.overflowed());
        assertEquals(1500, digest.bytes());
        assertEquals(ExpectedBody.sha256(1500), digest.hex());
    }

    @Test
    void anEmptyBodyHasNoDigest() {
        assertEquals("", new BodyDigest(10).hex());
    }

    @Test
    void handedOverChunksAreHashedInOrderAndReleased() throws Exception {
        BodyDigest digest = new BodyDigest(1_000_000);
        assertTrue(digest.update(pattern(0, 1000), 1000));
        AtomicInteger released = new AtomicInteger();
        int at = 1000;
        for (int i = 0; i < 200; i++) { // a unit of two chunks, as a reactive buffer's parts come
            assertTrue(digest.handOver(released::incrementAndGet, ByteBuffer.wrap(pattern(at, 997)),
                    ByteBuffer.wrap(pattern(at + 997, 3))));
            at += 1000;
        }
        byte[] reused = pattern(at, 500);
        assertTrue(digest.update(reused, 500)); // after hand-overs: copied, so the caller may reuse it
        Arrays.fill(reused, (byte) 0);
        at += 500;
        CountDownLatch hashed = new CountDownLatch(1);
        digest.whenHashed(hashed::countDown);
        assertTrue(hashed.await(10, TimeUnit.SECONDS));
        assertEquals(200, released.get());
        assertEquals(at, digest.bytes());
        assertEquals(ExpectedBody.sha256(at), digest.hex());
    }

    @Test
    void aHandOverPastTheCapIsCutAtIt() {
        BodyDigest digest = new BodyDigest(1500);
        assertTrue(digest.handOver(() -> { }, ByteBuffer.wrap(pattern(0, 1000))));
        // the cap falls inside the second of two chunks: the third is not counted at all
        assertFalse(digest.handOver(() -> { }, ByteBuffer.wrap(pattern(1000, 300)), ByteBuffer.wrap(pattern(1300, 700)),
                ByteBuffer.wrap(pattern(2000, 100))));
        assertTrue(digest.overflowed());
        assertEquals(1500, digest.bytes());
        assertEquals(ExpectedBody.sha256(1500), digest.hex());
    }
}
