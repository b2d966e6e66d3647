package dev.fanout.compute;

import dev.fanout.runtime.peers.PeerChannels;
import dev.fanout.runtime.pods.PodsFanout;
import dev.fanout.runtime.pods.PodsSettings;
import dev.fanout.runtime.pods.PodsTarget;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The worker pods PODS mode fans out to (the shared PodsFanout), when {@value #PROPERTY} is set. */
@Singleton
public class WorkerChannel {

    public static final String PROPERTY = "fanout.compute.workers";

    private final Optional<PodsFanout> fanout;

    @Inject
    public WorkerChannel(@ConfigProperty(name = PROPERTY) Optional<String> workers, PeerChannels peers,
            ComputePodsConfig config, MeterRegistry registry) {
        this(workers.filter(target -> !target.isBlank()).map(target -> {
            Log.infof("PODS mode fans out to %s", target);
            return new PodsFanout("compute", PodsTarget.parse(target), PodsSettings.from(config), peers.credentials(), registry);
        }));
    }

    /** No workers: PODS is unavailable (tests' workers are built this way). */
    WorkerChannel(Optional<PodsFanout> fanout) {
        this.fanout = fanout;
    }

    public boolean configured() {
        return fanout.isPresent();
    }

    /** The fan-out; only called once validation has established {@link #configured()}. */
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
