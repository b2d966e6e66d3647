package dev.fanout.fetcher.download;

import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands a large body's chunks over to its digest's hashing thread (see {@link BodyDigest#handOver})
 * while a non-blocking reader reads on, and holds the reader back: it {@code pause}s while more than
 * {@link #HIGH_WATER} bytes wait to be hashed and {@code resume}s at {@link #LOW_WATER}, so the heap
 * stays flat whatever the body's size. The chunks handed over must stay valid until hashed (Vert.x
 * hands each buffer over as a copy of its own).
 *
 * <p>Hashing is slower than reading, so a body goes through pause and resume cycles of
 * HIGH_WATER - LOW_WATER bytes, each costing a wake-up of the reader from the hashing thread: 2 MiB
 * cycles keep those to 512 per GiB, and the 2 MiB still waiting at a resume keep the hasher busy until
 * the reader reads again (with less, it ran dry and exited, one more wake-up).
 *
 * <p>{@link #handOver}, {@code pause} and {@code resume} run on the reader's thread; the hashing
 * thread only asks that thread, through {@code readerThread}, to resume.
 */
final class BodyBackPressure {

    static final long HIGH_WATER = 4 * 1024 * 1024;
    static final long LOW_WATER = 2 * 1024 * 1024;

    private final BodyDigest body;
    private final Runnable pause;
    private final Runnable resume;
    private final Executor readerThread;
    private final AtomicLong waiting = new AtomicLong();
    private final AtomicBoolean resumeAsked = new AtomicBoolean();
    private volatile boolean paused;

    BodyBackPressure(BodyDigest body, Runnable pause, Runnable resume, Executor readerThread) {
        this.body = body;
        this.pause = pause;
        this.resume = resume;
        this.readerThread = readerThread;
    }

    /** Hands over {@code length} bytes in {@code chunks}; false once the body passed the cap, like {@link BodyDigest#update}. */
    boolean handOver(int length, ByteBuffer... chunks) {
        waiting.addAndGet(length);
        boolean within = body.handOver(() -> hashed(length), chunks);
        if (waiting.get() > HIGH_WATER && !paused) {
            paused = true;
            pause.run();
            resumeIfDrained(); // the hasher may have drained it before it could see paused
        }
        return within;
    }

    /** Bytes handed over and not hashed yet. */
    long waiting() {
        return waiting.get();
    }

    /** On the hashing thread: asks the reader to resume once per pause, not once per chunk. */
    private void hashed(int length) {
        if (waiting.addAndGet(-length) <= LOW_WATER && paused && resumeAsked.compareAndSet(false, true)) {
            readerThread.execute(() -> {
                resumeAsked.set(false);
                resumeIfDrained();
            });
        }
    }

    private void resumeIfDrained() {
        if (paused && waiting.get() <= LOW_WATER) {
            paused = false;
            resume.run();
        }
    }
}
