package dev.fanout.runtime.pods;

import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * The PODS settings as a configuration group: each service's {@code @ConfigMapping} has it as
 * {@code pods()}, so both read the same names with the same defaults, stated here once
 * ({@code fanout.compute.pods.*}, {@code fanout.fetcher.pods.*}). See {@link PodsSettings} for what
 * each one does.
 */
public interface PodsConfig {

    /** Tries per part, speculative copies included. */
    @WithDefault("3")
    int maxAttempts();

    /** Ceiling of the wait before a failed part is tried again (jittered: from half of it), doubled for each further try. */
    @WithDefault("50ms")
    Duration backoff();

    /** Parts one worker runs at once. */
    @WithDefault("2")
    int inFlightPerWorker();

    /** A part running longer than this, and than 3x its finished siblings' median, is run again elsewhere. */
    @WithDefault("2s")
    Duration speculationAfter();

    /** How often the workers' name is resolved again. */
    @WithDefault("5s")
    Duration refreshInterval();
}
