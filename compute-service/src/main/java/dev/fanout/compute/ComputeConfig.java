package dev.fanout.compute;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Settings of the compute service, each default stated here once; every property is under {@code fanout.compute}. */
@ConfigMapping(prefix = "fanout.compute")
public interface ComputeConfig {

    /**
     * The worker pods PODS mode fans parts out to, as a gRPC target balanced with round_robin
     * ({@code dns:///compute-workers:8081} for a headless Service) or {@code host:port,host:port} for
     * local runs. Unset: PODS answers FAILED_PRECONDITION and an unspecified mode means CORES.
     */
    Optional<String> workers();

    /**
     * Longest a call may run, whatever deadline the caller sets (or leaves unset): then
     * DEADLINE_EXCEEDED, so a call over a range that would take years cannot hold the cores for good.
     */
    @WithDefault("1h")
    Duration maxCallDuration();

    /** COMPUTE_MODE_PODS. */
    Pods pods();

    interface Pods {
        /**
         * Parts when a PODS request leaves parts at 0. Many small parts: round_robin deals them out
         * blindly, and parts above 2^32 cost several times more than those below (the wide path), so
         * small parts keep the workers evenly loaded; a worker that fails also costs less to redo.
         */
        @WithDefault("32")
        int defaultParts();

        /** Tries per part: a part whose worker fails or disappears is sent to another worker. */
        @WithDefault("3")
        int maxAttempts();
    }
}
