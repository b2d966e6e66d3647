package dev.fanout.compute.mode;

import dev.fanout.compute.ComputeConfig;
import dev.fanout.runtime.peers.PeerChannels;
import dev.fanout.runtime.pods.PodsFanout;
import dev.fanout.runtime.pods.PodsSettings;
import dev.fanout.runtime.pods.PodsTarget;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.Optional;

/** The worker pods PODS mode fans out to (the shared PodsFanout), when fanout.compute.workers is set. */
@Singleton
public class WorkerChannel {

    private final Optional<PodsFanout> fanout;

    public WorkerChannel(ComputeConfig config, PeerChannels peers, MeterRegistry registry) {
        this.fanout = config.workers().map(target -> {
            Log.infof("PODS mode fans out to %s", target);
            return new PodsFanout("compute", PodsTarget.parse(target), PodsSettings.from(config.pods()),
                    peers.credentials(), registry);
        });
    }

    /** The fan-out; only called for PODS plans, which validation admits only when workers are set. */
    public PodsFanout get() {
        return fanout.orElseThrow();
    }

    @PreDestroy
    void close() throws InterruptedException {
        if (fanout.isPresent()) {
            fanout.get().close();
        }
    }
}
