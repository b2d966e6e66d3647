package dev.fanout.compute;

import dev.fanout.runtime.peers.PeerChannels;
import io.grpc.ManagedChannel;
import io.quarkus.logging.Log;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The channel to the worker pods PODS mode fans out to, when {@value #PROPERTY} is set. */
@Singleton
public class WorkerChannel {

    public static final String PROPERTY = "fanout.compute.workers";

    private final Optional<ManagedChannel> channel;

    public WorkerChannel(@ConfigProperty(name = PROPERTY) Optional<String> workers, PeerChannels peers) {
        this.channel = workers.filter(target -> !target.isBlank()).map(target -> {
            ManagedChannel opened = peers.builder(target).build();
            // Connect now, so the first PODS call finds every worker ready and round_robin spreads it.
            opened.getState(true);
            Log.infof("PODS mode fans out to %s", target);
            return opened;
        });
    }

    public boolean configured() {
        return channel.isPresent();
    }

    /** The channel; only called once validation has established {@link #configured()}. */
    public ManagedChannel get() {
        return channel.orElseThrow();
    }

    @PreDestroy
    void close() throws InterruptedException {
        if (channel.isPresent()) {
            channel.get().shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
