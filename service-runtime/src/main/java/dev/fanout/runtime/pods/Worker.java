package dev.fanout.runtime.pods;

import io.grpc.ManagedChannel;
import java.net.InetSocketAddress;
import java.time.Duration;

/** One address behind the target, its channel and its load; guarded by the fan-out's lock. */
final class Worker {

    /** How long a worker with an overdue part or a failed try gets no new parts, unless it proves alive sooner. */
    static final Duration BENCH = Duration.ofSeconds(10);

    final InetSocketAddress address;
    final PodsTarget.Entry entry;
    /** As a person names it: ip:port. */
    final String name;
    final ManagedChannel channel;
    int inFlight;
    long lastGiven;
    private long benchedUntil;
    /** Benched, and has not finished a part since: it takes one part at a time, to prove itself. */
    private boolean unproven;
    /** No longer behind the target: it gets no new parts, and its channel closes after its last one. */
    private boolean gone;

    Worker(InetSocketAddress address, PodsTarget.Entry entry, ManagedChannel channel) {
        this.address = address;
        this.entry = entry;
        this.name = address.getAddress().getHostAddress() + ":" + address.getPort();
        this.channel = channel;
    }

    void bench(long now) {
        benchedUntil = now + BENCH.toNanos();
        unproven = true;
    }

    /** It finished a part: it is alive. */
    void proven() {
        benchedUntil = 0;
        unproven = false;
    }

    boolean benched(long now) {
        return benchedUntil - now > 0;
    }

    /** Whether it may take one more part now, running {@code inFlightPerWorker} at most. */
    boolean hasRoom(int inFlightPerWorker) {
        return inFlight < (unproven ? 1 : inFlightPerWorker);
    }

    /** Takes it out of the target; its channel closes when its parts in flight have ended. */
    void leave() {
        gone = true;
        closeIfDrained();
    }

    /** One of its tries ended. */
    void ended() {
        inFlight--;
        closeIfDrained();
    }

    private void closeIfDrained() {
        if (gone && inFlight == 0) {
            channel.shutdown();
        }
    }
}
