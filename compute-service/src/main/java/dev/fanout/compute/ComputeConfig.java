package dev.fanout.compute;

import dev.fanout.runtime.pods.PodsConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Settings of the compute service, each default stated here once; every property is under {@code fanout.compute}. */
@ConfigMapping(prefix = "fanout.compute")
public interface ComputeConfig {

    /**
     * The worker pods PODS mode fans parts out to: {@code dns:///compute-workers:8081} (a headless
     * Service, resolved again every {@code pods.refresh-interval}) or {@code host:port,host:port} for
     * local runs. Unset: PODS answers FAILED_PRECONDITION and an unspecified mode means CORES.
     */
    Optional<String> workers();

    /**
     * Longest a call may run, whatever deadline the caller sets (or leaves unset): then
     * DEADLINE_EXCEEDED, so a call over a range that would take years cannot hold the cores for good.
     */
    @WithDefault("1h")
    Duration maxCallDuration();

    /** COMPUTE_MODE_PODS: the shared fan-out settings (max-attempts, backoff, in-flight-per-worker, ...) and the part count. */
    Pods pods();

    interface Pods extends PodsConfig {
        /**
         * Parts when a PODS request leaves parts at 0. Workers pull parts as they have room, so many
         * small parts keep them evenly busy (parts above 2^32 cost several times more than those
         * below: the wide path), a slow worker does fewer, and a part run again costs little.
         */
        @WithDefault("32")
        int defaultParts();
    }
}
