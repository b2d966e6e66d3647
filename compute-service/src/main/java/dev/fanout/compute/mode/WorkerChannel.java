package dev.fanout.compute.mode;

import dev.fanout.compute.ComputeConfig;
import dev.fanout.runtime.peers.PeerChannels;
import io.grpc.ManagedChannel;
import io.quarkus.logging.Log;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The channel to the worker pods PODS mode fans out to, when fanout.compute.workers is set. */
@Singleton
public class WorkerChannel {

    private final Optional<ManagedChannel> channel;

    public WorkerChannel(ComputeConfig config, PeerChannels peers) {
        this.channel = config.workers().map(target -> {
            ManagedChannel opened = peers.builder(target).build();
            // Connect now, so the first PODS call finds every worker ready and round_robin spreads it.
            opened.getState(true);
            Log.infof("PODS mode fans out to %s", target);
            return opened;
        });
    }

    /** The channel; only called for PODS plans, which validation admits only when workers are set. */
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
