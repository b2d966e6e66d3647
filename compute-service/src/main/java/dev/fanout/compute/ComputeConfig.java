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

    /**
     * The process-wide budget of in-flight work ({@code fanout.compute.admission.*}): beyond it a call
     * waits its turn, first come first served, or is refused RESOURCE_EXHAUSTED naming the setting.
     */
    Admission admission();

    /** COMPUTE_MODE_PODS: the shared fan-out settings (max-attempts, backoff, in-flight-per-worker, ...) and the part count. */
    Pods pods();

    interface Admission {
        /**
         * Parts of SINGLE and CORES calls queued or running on this process's compute threads, over
         * every call. A part in flight costs about a kilobyte, so the default lets the largest call
         * (4096 parts) run whole and bounds the queue to a few MiB; the cores, not this, pace the work.
         */
        @WithDefault("4096")
        int kernels();

        /**
         * Parts of PODS calls coordinated here, waiting for a worker or running on one, over every
         * call. A budget of its own: a coordinator's call never waits for kernels that its parts,
         * when this process is also one of its workers, need. Same size and reason as kernels.
         */
        @WithDefault("4096")
        int workerParts();

        /** Calls that may wait for room at once (a waiting call costs a few KiB); one more is refused at once. */
        @WithDefault("256")
        int maxWaiting();

        /**
         * Longest a call waits for room, never past its deadline; then RESOURCE_EXHAUSTED. Long enough
         * to ride out a burst, short enough that a client without a deadline hears to back off.
         */
        @WithDefault("10s")
        Duration maxWait();
    }

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
