package dev.fanout.runtime;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter: the wait before retry {@code n} is drawn from the upper half of
 * {@code initial * 2^(n-1)}, capped at {@code max}. The random half spreads the retries of many
 * calls that failed at the same moment (a pod restarting under all of them) instead of sending them
 * back together; the fixed half keeps a pause that lets the cause clear.
 *
 * @param initial the ceiling of the first retry's wait
 * @param max the highest ceiling, however many retries
 */
public record Backoff(Duration initial, Duration max) {

    public Backoff {
        if (initial.isNegative() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 <= initial <= max, was " + initial + " and " + max);
        }
    }

    /** The wait before retry {@code retry} (from 1), drawn from {@code random}. */
    public Duration before(int retry, RandomGenerator random) {
        if (retry < 1) {
            throw new IllegalArgumentException("retries count from 1, was " + retry);
        }
        long ceiling = initial.toNanos();
        for (int doubling = 1; doubling < retry && ceiling < max.toNanos(); doubling++) {
            ceiling *= 2;
        }
        ceiling = Math.min(ceiling, max.toNanos());
        long half = ceiling / 2;
        return Duration.ofNanos(ceiling - half + random.nextLong(half + 1));
    }
}
