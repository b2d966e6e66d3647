package dev.fanout.fetcher.download;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * SHA-256 and length of a body fed chunk by chunk, up to a cap; the body itself is never kept.
 *
 * <p>A large body is better {@linkplain #handOver handed over}: its chunks are counted at once and
 * hashed in order on a virtual thread of its own, so the reading thread reads the next chunk from the
 * socket while the previous one is hashed. SHA-256 (the CPU's SHA extensions, about 1.7 GB/s) is most
 * of a large download's CPU; done on the reading thread, every read and copy adds to it.
 */
public final class BodyDigest {

    /** Bodies up to this are hashed in place: for them a hand-over would cost more than it saves. */
    public static final long HAND_OVER_AFTER = 1024 * 1024;

    private final MessageDigest sha256;
    private final long cap;
    private long bytes;
    private boolean overflowed;
    /** Chunks handed over and not yet hashed, in order; one without chunks is a {@link #whenHashed} marker. */
    private final Queue<Pending> pending = new ConcurrentLinkedQueue<>();
    /** How many of {@link #pending} no hasher has taken yet; the hasher runs while it is above 0. */
    private final AtomicInteger unhashed = new AtomicInteger();

    public BodyDigest(long cap) {
        this.cap = cap;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Digests the chunk; false once the body passed the cap (only the bytes up to it are counted). */
    public boolean update(ByteBuffer chunk) {
        boolean within = count(chunk);
        if (unhashed.get() == 0) {
            sha256.update(chunk);
        } else {
            // chunks handed over before this one are hashed first; the caller reuses its own memory
            ByteBuffer copy = ByteBuffer.allocate(chunk.remaining()).put(chunk).flip();
            enqueue(new Pending(new ByteBuffer[] {copy}, null));
        }
        return within;
    }

    public boolean update(byte[] chunk, int length) {
        return update(ByteBuffer.wrap(chunk, 0, length));
    }

    /**
     * Counts the chunks now and hashes them later, in order, on this body's hashing thread, which
     * then runs {@code release} (the caller may reuse the chunks' memory from then on); false once the
     * body passed the cap, like {@link #update}. The caller bounds how much it hands over before
     * releases, and hands over in large units: each one may wake the hashing thread.
     */
    public boolean handOver(Runnable release, ByteBuffer... chunks) {
        boolean within = true;
        for (ByteBuffer chunk : chunks) {
            within = count(chunk);
        }
        enqueue(new Pending(chunks, release));
        return within;
    }

    /** Runs {@code then} once every chunk so far is hashed: at once, or on the hashing thread. */
    public void whenHashed(Runnable then) {
        if (unhashed.get() == 0) {
            then.run();
        } else {
            enqueue(new Pending(new ByteBuffer[0], then));
        }
    }

    private boolean count(ByteBuffer chunk) {
        long room = cap - bytes;
        if (chunk.remaining() > room) {
            chunk.limit(chunk.position() + (int) room);
            overflowed = true;
        }
        bytes += chunk.remaining();
        return !overflowed;
    }

    private void enqueue(Pending next) {
        pending.add(next);
        if (unhashed.getAndIncrement() == 0) {
            Thread.startVirtualThread(this::hashPending);
        }
    }

    /** One hasher at a time: a new one starts only after the last one saw the queue empty. */
    private void hashPending() {
        do {
            Pending next = pending.remove();
            for (ByteBuffer chunk : next.chunks) {
                sha256.update(chunk);
            }
            if (next.then != null) {
                next.then.run();
            }
        } while (unhashed.decrementAndGet() > 0);
    }

    public long bytes() {
        return bytes;
    }

    public long cap() {
        return cap;
    }

    public boolean overflowed() {
        return overflowed;
    }

    /**
     * Lower-case hex SHA-256 of the bytes counted; empty when there were none. Waits for chunks
     * still being hashed: the caller bounds them, so this is at most milliseconds.
     */
    public String hex() {
        CountDownLatch hashed = new CountDownLatch(1);
        whenHashed(hashed::countDown);
        boolean interrupted = false;
        while (hashed.getCount() > 0) {
            try {
                hashed.await();
            } catch (InterruptedException e) {
                interrupted = true; // the wait is short; the interrupt stays for the caller
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return bytes == 0 ? "" : HexFormat.of().formatHex(sha256.digest());
    }

    private record Pending(ByteBuffer[] chunks, Runnable then) {
    }
}
