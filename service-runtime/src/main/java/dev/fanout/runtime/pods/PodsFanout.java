package dev.fanout.runtime.pods;

import io.smallrye.mutiny.Multi;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * The one fan-out of both services' PODS modes: a call's parts are pulled by the workers behind a
 * target as they have room, and each part's results come back as one stream. It puts together
 * {@link Membership} (which workers, their channels), {@link Scheduler} (pull, retry, speculation,
 * benching) and the observer (metrics, tracing), and owns the timers: the target is resolved again
 * every {@code refresh-interval} and running parts are checked for stragglers every {@link #TICK}.
 *
 * <p>A call's worker calls are its own: each carries the caller's deadline and is cancelled when the
 * call's stream completes, fails or is cancelled, and nothing another call does (its cancel, its
 * deadline) reaches them.
 */
public final class PodsFanout implements AutoCloseable {

    /** How often running parts are checked for stragglers. */
    static final Duration TICK = Duration.ofMillis(100);
    private static final System.Logger LOG = System.getLogger(PodsFanout.class.getName());

    private final String pool;
    private final PodsTarget target;
    private final PodsSettings settings;
    private final PodsClock clock;
    private final PodsObserver observer;
    private final Membership membership;
    private final Scheduler scheduler;
    private volatile boolean closed;

    /**
     * Resolves the target once now (so the first call finds its workers), then every refresh-interval.
     *
     * @param pool names this fan-out in logs and metrics ("compute", "fetcher")
     * @param channels opens the channel to each worker address (WorkerChannels.netty with PeerChannels' credentials)
     */
    public PodsFanout(String pool, PodsTarget target, PodsSettings settings, WorkerChannels channels, PodsObserver observer) {
        this(pool, target, target::resolve, settings, channels, PodsClock.system(pool), new SplittableRandom(), observer);
    }

    /** On any clock and resolver: tests pass a fake clock and their own addresses. */
    PodsFanout(String pool, PodsTarget target, Membership.Resolver resolver, PodsSettings settings, WorkerChannels channels,
            PodsClock clock, RandomGenerator random, PodsObserver observer) {
        this.pool = pool;
        this.target = target;
        this.settings = settings;
        this.clock = clock;
        this.observer = observer;
        Object lock = new Object();
        this.membership = new Membership(resolver, channels, lock);
        this.scheduler = new Scheduler(pool, settings, membership, clock, random, lock);
        refresh();
        every(settings.refreshInterval(), this::refresh);
        every(TICK, scheduler::speculate);
    }

    public PodsTarget target() {
        return target;
    }

    /** Workers now, times the parts each may run at once: how many parts can run at the same time. */
    public int capacity() {
        return membership.size() * settings.inFlightPerWorker();
    }

    /**
     * Runs the parts on the workers and streams their results, in any order. Completes when every part
     * has finished or given up; fails when a part gives up by throwing or the caller's deadline passes.
     */
    public <R> Multi<R> run(List<? extends Part<R>> parts, Optional<Instant> deadline) {
        return Multi.createFrom().emitter(emitter -> {
            FanoutCall<R> call = new FanoutCall<>(emitter, observer.callStarted(pool, parts.size()), deadline, parts);
            emitter.onTermination(() -> {
                scheduler.end(call);
                call.observer.callEnded(call.outcome());
            });
            if (parts.isEmpty()) {
                call.complete();
            } else {
                scheduler.add(call);
            }
        });
    }

    /** Runs {@code task} every {@code period} (after it last ran) until closed; a failure is logged, not the end of it. */
    private void every(Duration period, Runnable task) {
        clock.schedule(period, () -> {
            if (closed) {
                return;
            }
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "PODS " + pool + ": periodic task failed", e);
            }
            every(period, task);
        });
    }

    private void refresh() {
        Membership.Change change = membership.refresh();
        if (!change.unresolved().isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "PODS {0}: cannot resolve {1}; keeping its known workers", pool,
                    change.unresolved());
        }
        if (!change.added().isEmpty() || !change.removed().isEmpty()) {
            int workers = membership.size();
            observer.workers(pool, workers);
            LOG.log(System.Logger.Level.INFO, "PODS {0}: {1} worker(s) behind {2}; new {3}, gone {4}",
                    pool, workers, target, change.added(), change.removed());
        }
        if (!change.added().isEmpty()) {
            scheduler.dispatch();
        }
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        clock.close();
        List<Worker> open = membership.clear();
        observer.workers(pool, 0);
        for (Worker worker : open) {
            worker.channel.shutdownNow();
        }
        for (Worker worker : open) {
            worker.channel.awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
