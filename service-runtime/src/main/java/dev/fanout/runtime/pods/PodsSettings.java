package dev.fanout.runtime.pods;

import java.time.Duration;

/**
 * How a service fans out to its worker pods; the same names under each service's prefix
 * ({@code fanout.compute.pods.*}, {@code fanout.fetcher.pods.*}).
 *
 * @param maxAttempts tries per part, speculative copies included: a part whose worker fails or
 *     vanishes goes to another worker until this many have been made
 * @param backoff ceiling of the wait before a failed part is tried again (jittered, see Backoff), doubled for each further try
 * @param inFlightPerWorker parts a worker runs at once: a worker gets a new part only when one of its
 *     parts finishes, so a worker twice as fast does about twice the parts
 * @param speculationAfter a part running longer than this and than {@value #STRAGGLER_FACTOR} times the
 *     median of its finished siblings is run again on another worker; the first answer wins
 * @param refreshInterval how often the target's name is resolved again, to find new and gone workers
 */
public record PodsSettings(int maxAttempts, Duration backoff, int inFlightPerWorker, Duration speculationAfter,
        Duration refreshInterval) {

    /** How many times its siblings' median a part may run before it is a straggler. */
    public static final int STRAGGLER_FACTOR = 3;

    public static PodsSettings from(PodsConfig config) {
        return new PodsSettings(config.maxAttempts(), config.backoff(), config.inFlightPerWorker(),
                config.speculationAfter(), config.refreshInterval());
    }

    public PodsSettings {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("max-attempts must be at least 1, was " + maxAttempts);
        }
        if (inFlightPerWorker < 1) {
            throw new IllegalArgumentException("in-flight-per-worker must be at least 1, was " + inFlightPerWorker);
        }
        if (backoff.isNegative() || speculationAfter.isNegative() || !refreshInterval.isPositive()) {
            throw new IllegalArgumentException("backoff and speculation-after must not be negative, and refresh-interval"
                    + " must be positive: " + backoff + ", " + speculationAfter + ", " + refreshInterval);
        }
    }
}
