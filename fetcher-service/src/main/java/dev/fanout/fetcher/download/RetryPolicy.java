package dev.fanout.fetcher.download;

import dev.fanout.runtime.Backoff;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When a failed attempt is tried again, and after how long: on transient errors, after the shared
 * exponential backoff with jitter (the same as the PODS fan-out's), so URLs that failed together
 * against one origin do not come back to it together.
 */
public record RetryPolicy(int maxRetries, Backoff backoff) {

    /** The longest wait, as a multiple of the first: the PODS fan-out's cap too. */
    private static final int MAX_DOUBLINGS = 16;

    /** {@code backoff}: the ceiling of the first retry's wait, doubled for each further retry up to 16 times it. */
    public RetryPolicy(int maxRetries, Duration backoff) {
        this(maxRetries, new Backoff(backoff, backoff.multipliedBy(MAX_DOUBLINGS)));
    }

    /** The wait before attempt {@code attempts + 1}, or null when the failure is final. */
    public Duration nextDelay(FetchFailure failure, int attempts) {
        if (attempts > maxRetries || !failure.isTransient()) {
            return null;
        }
        return backoff.before(attempts, ThreadLocalRandom.current());
    }
}
