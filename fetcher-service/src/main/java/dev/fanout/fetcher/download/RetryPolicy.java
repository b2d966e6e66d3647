package dev.fanout.fetcher.download;

import java.time.Duration;

/** When a failed attempt is tried again, and after how long: exponential backoff on transient errors. */
public record RetryPolicy(int maxRetries, Duration backoff) {

    /** The wait before attempt {@code attempts + 1}, or null when the failure is final. */
    public Duration nextDelay(FetchFailure failure, int attempts) {
        if (attempts > maxRetries || !failure.isTransient()) {
            return null;
        }
        return backoff.multipliedBy(1L << Math.min(attempts - 1, 20));
    }
}
