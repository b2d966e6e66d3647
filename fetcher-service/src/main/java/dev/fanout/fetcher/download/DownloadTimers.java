package dev.fanout.fetcher.download;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.jboss.logging.Logger;

/**
 * The blocking downloads' timeouts: one thread that runs a timeout's action when it is due, unless
 * the timeout was cancelled first (its download ended in time, nearly always).
 *
 * <p>Not a {@code ScheduledThreadPoolExecutor}: that wakes its thread whenever a new task is the
 * earliest, and in a SEQUENTIAL call every URL's is (the URL before it is done and its timeout
 * removed): one of the three thread wake-ups a URL costs there. Here a new timeout wakes the thread
 * only when it is due before the time the thread already sleeps to. A thread that wakes and finds
 * that timeout gone sleeps on to the earliest left, so downloads that end in time cost about one
 * wake-up per timeout period, whatever their number, and an idle fetcher none.
 */
public final class DownloadTimers implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DownloadTimers.class);

    /** Times are nanoseconds since this, so that they compare without overflow. */
    private final long origin = System.nanoTime();
    private final ConcurrentSkipListMap<Timeout, Runnable> pending = new ConcurrentSkipListMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final Thread thread;
    /** When the thread wakes next unless woken; {@code Long.MAX_VALUE} while it waits to be woken. */
    private volatile long wakeAt = Long.MAX_VALUE;
    private volatile boolean closed;

    public DownloadTimers(String threadName) {
        this.thread = Thread.ofPlatform().daemon().name(threadName).start(this::run);
    }

    /** Runs {@code action} on this thread {@code after} from now, unless the timeout is cancelled first. */
    public Timeout schedule(Duration after, Runnable action) {
        Timeout timeout = new Timeout(Math.addExact(now(), after.toNanos()), sequence.getAndIncrement());
        pending.put(timeout, action);
        if (timeout.due < wakeAt) {
            LockSupport.unpark(thread);
        }
        return timeout;
    }

    private long now() {
        return System.nanoTime() - origin;
    }

    private void run() {
        while (!closed) {
            Map.Entry<Timeout, Runnable> first = pending.firstEntry();
            if (first != null && first.getKey().due <= now()) {
                if (pending.remove(first.getKey()) != null) {
                    fire(first.getValue());
                }
                continue;
            }
            long next = first == null ? Long.MAX_VALUE : first.getKey().due;
            wakeAt = next;
            // A timeout added between the look above and this publication did not wake the thread.
            Map.Entry<Timeout, Runnable> recheck = pending.firstEntry();
            if (recheck != null && recheck.getKey().due < next) {
                continue;
            }
            if (next == Long.MAX_VALUE) {
                LockSupport.park(this);
            } else {
                LockSupport.parkNanos(this, next - now());
            }
        }
    }

    private static void fire(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.error("A download's timeout failed", e); // the thread goes on: other downloads need it
        }
    }

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(thread);
    }

    /** One scheduled timeout; {@link #cancel} it once its download ended. */
    public final class Timeout implements Comparable<Timeout> {
        private final long due;
        private final long sequence;

        private Timeout(long due, long sequence) {
            this.due = due;
            this.sequence = sequence;
        }

        public void cancel() {
            pending.remove(this);
        }

        @Override
        public int compareTo(Timeout other) {
            int byDue = Long.compare(due, other.due);
            return byDue != 0 ? byDue : Long.compare(sequence, other.sequence);
        }
    }
}
