package dev.fanout.runtime.pods;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The workers behind the target: resolved again on each {@link #refresh()}, a new address gets its
 * own channel, a gone one gets no new parts and its channel closes once its parts in flight have
 * ended. A name that does not resolve keeps its known workers (a DNS hiccup is no reason to drain them).
 * Its state is guarded by {@code lock}, the fan-out's one lock, which the scheduler holds when it reads it.
 */
final class Membership {

    /** What a refresh changed, as workers' names. */
    record Change(List<String> added, List<String> removed, List<String> unresolved) {
    }

    /** Where the target's names point now; {@code unresolved} collects the names that did not resolve. */
    @FunctionalInterface
    interface Resolver {
        Map<InetSocketAddress, PodsTarget.Entry> resolve(List<String> unresolved);
    }

    private final Resolver resolver;
    private final WorkerChannels channels;
    private final Object lock;
    private final Map<InetSocketAddress, Worker> workers = new LinkedHashMap<>();

    Membership(Resolver resolver, WorkerChannels channels, Object lock) {
        this.resolver = resolver;
        this.channels = channels;
        this.lock = lock;
    }

    /** Resolves the names (without the lock: DNS may be slow), then adds and drains workers. */
    Change refresh() {
        List<String> unresolved = new ArrayList<>();
        Map<InetSocketAddress, PodsTarget.Entry> resolved = resolver.resolve(unresolved);
        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        synchronized (lock) {
            for (var known = workers.values().iterator(); known.hasNext(); ) {
                Worker worker = known.next();
                if (!resolved.containsKey(worker.address) && !unresolved.contains(worker.entry.host())) {
                    known.remove();
                    worker.leave();
                    removed.add(worker.name);
                }
            }
            resolved.forEach((address, entry) -> workers.computeIfAbsent(address, newAddress -> {
                Worker worker = new Worker(newAddress, entry, channels.open(newAddress, entry.authority()));
                worker.channel.getState(true); // connect now, so the first part does not wait for it
                added.add(worker.name);
                return worker;
            }));
        }
        return new Change(added, removed, unresolved);
    }

    /** The workers now; read with the lock held. */
    Collection<Worker> workers() {
        return workers.values();
    }

    int size() {
        synchronized (lock) {
            return workers.size();
        }
    }

    /** Forgets every worker and returns them, for their channels to be closed. */
    List<Worker> clear() {
        synchronized (lock) {
            List<Worker> all = List.copyOf(workers.values());
            workers.clear();
            return all;
        }
    }
}
