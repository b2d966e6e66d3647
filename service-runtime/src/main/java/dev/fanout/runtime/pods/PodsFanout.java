package dev.fanout.runtime.pods;

import io.grpc.ChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.netty.NettyChannelBuilder;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.mutiny.subscription.MultiEmitter;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The one fan-out of both services' PODS modes: a call's parts are pulled by the workers behind a
 * target as they have room, and each part's results come back as one stream.
 *
 * <ul>
 *   <li><b>Membership.</b> The target's names are resolved again every {@code refresh-interval}; a
 *       new address gets its own channel (with HTTP/2 keepalive, which finds dead connections), a gone
 *       one gets no new parts and its channel is closed once its parts in flight have finished.</li>
 *   <li><b>Pull.</b> A worker runs at most {@code in-flight-per-worker} parts at once (over every
 *       call); it gets the next waiting part when one of its own finishes, so a faster worker does
 *       more parts.</li>
 *   <li><b>Failures and stragglers.</b> A part whose worker fails retryably goes to another worker
 *       after a backoff, up to {@code max-attempts} tries. A part that runs longer than
 *       {@code speculation-after} and {@value PodsSettings#STRAGGLER_FACTOR} times the median of its
 *       call's finished parts is run again on another worker; the first to finish wins and the other
 *       is cancelled. A worker with such an overdue part, or whose call just failed, is benched: it
 *       gets no new parts (unless every worker is benched) until it finishes a part or
 *       {@link #BENCH} passes, and then one part at a time until it finishes one.</li>
 *   <li><b>Cancellation.</b> Cancelling a call's stream cancels every worker call it started; the
 *       caller's deadline is passed on to each.</li>
 * </ul>
 *
 * Metrics: {@code fanout_pods_attempts_total{pool, worker, outcome}} (outcome {@code done}: the part
 * was finished by this worker; {@code failed}; {@code cancelled}: a speculative loser, or the call
 * ended), {@code fanout_pods_speculations_total}, {@code fanout_pods_retries_total} and the gauge
 * {@code fanout_pods_workers}.
 */
public final class PodsFanout implements AutoCloseable {

    /** Failures another worker may not have; the part is exact wherever it runs. */
    private static final Set<Status.Code> RETRYABLE = Set.of(Status.Code.UNAVAILABLE, Status.Code.CANCELLED,
            Status.Code.UNKNOWN, Status.Code.INTERNAL, Status.Code.ABORTED, Status.Code.RESOURCE_EXHAUSTED);
    /** How long a worker with an overdue part or a failed call gets no new parts, unless it proves alive sooner. */
    static final Duration BENCH = Duration.ofSeconds(10);
    /** How often running parts are checked for stragglers. */
    private static final Duration TICK = Duration.ofMillis(100);
    /** HTTP/2 pings on a connection with calls in flight: a peer that stops answering (a hung pod, a dead node) is dropped. */
    private static final Duration KEEPALIVE = Duration.ofSeconds(10);
    private static final Duration KEEPALIVE_TIMEOUT = Duration.ofSeconds(5);
    private static final System.Logger LOG = System.getLogger(PodsFanout.class.getName());

    private final String pool;
    private final PodsTarget target;
    private final PodsSettings settings;
    private final ChannelCredentials credentials;
    private final MeterRegistry registry;
    private final ScheduledExecutorService timers;

    // Guarded by this.
    private final Map<InetSocketAddress, Worker> workers = new LinkedHashMap<>();
    private final List<Call<?>> calls = new ArrayList<>();

    /**
     * Resolves the target once now (so the first call finds its workers), then every refresh-interval.
     *
     * @param pool names this fan-out in logs and metrics ("compute", "fetcher")
     */
    public PodsFanout(String pool, PodsTarget target, PodsSettings settings, ChannelCredentials credentials,
            MeterRegistry registry) {
        this.pool = pool;
        this.target = target;
        this.settings = settings;
        this.credentials = credentials;
        this.registry = registry;
        this.timers = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("pods-" + pool).factory());
        Gauge.builder("fanout.pods.workers", this, PodsFanout::workerCount)
                .description("Workers the PODS fan-out sends parts to")
                .tag("pool", pool).register(registry);
        refresh();
        long refreshMillis = settings.refreshInterval().toMillis();
        timers.scheduleWithFixedDelay(logged(this::refresh), refreshMillis, refreshMillis, TimeUnit.MILLISECONDS);
        timers.scheduleWithFixedDelay(logged(this::findStragglers), TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A periodic task that logs a failure instead of ending (an exception would cancel the schedule). */
    private Runnable logged(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "PODS " + pool + ": periodic task failed", e);
            }
        };
    }

    public PodsTarget target() {
        return target;
    }

    /** Workers now, times the parts each may run at once: how many parts can run at the same time. */
    public synchronized int capacity() {
        return workers.size() * settings.inFlightPerWorker();
    }

    private synchronized int workerCount() {
        return workers.size();
    }

    /**
     * Runs the parts on the workers and streams their results, in any order. Completes when every part
     * has finished or given up; fails when a part gives up by throwing or the caller's deadline passes.
     */
    public <R> Multi<R> run(List<? extends Part<R>> parts, Optional<Instant> deadline) {
        return Multi.createFrom().emitter(emitter -> {
            Call<R> call = new Call<>(emitter, deadline, parts);
            emitter.onTermination(() -> end(call));
            if (parts.isEmpty()) {
                emitter.complete();
                return;
            }
            List<Runnable> after = new ArrayList<>();
            synchronized (this) {
                calls.add(call);
                dispatch(after);
            }
            after.forEach(Runnable::run);
        });
    }

    // ---- scheduling (every method below that mutates state runs with this lock held; what reaches
    // ---- other code, emitting, subscribing and cancelling, is collected in `after` and run without it)

    /** Gives waiting parts, oldest call first, to the least loaded worker with room. */
    private void dispatch(List<Runnable> after) {
        for (Call<?> call : List.copyOf(calls)) {
            dispatch(call, after);
        }
    }

    private <R> void dispatch(Call<R> call, List<Runnable> after) {
        if (workers.isEmpty()) {
            // Nothing to wait for: each waiting part's try fails now, and is retried after its backoff.
            for (PartRun<R> part; !call.over && (part = call.waiting.pollFirst()) != null; ) {
                if (!part.done) {
                    part.attempts++;
                    failed(call, part, Status.UNAVAILABLE.withDescription("no worker behind " + target), after);
                }
            }
            return;
        }
        long now = System.nanoTime();
        boolean everyWorkerBenched = workers.values().stream().allMatch(worker -> worker.benched(now));
        for (var waiting = call.waiting.iterator(); !call.over && waiting.hasNext(); ) {
            PartRun<R> part = waiting.next();
            if (part.done) {
                waiting.remove();
                continue;
            }
            Worker worker = pick(part, now, everyWorkerBenched);
            if (worker != null) {
                waiting.remove();
                start(call, part, worker, now, after);
            }
        }
    }

    private Worker pick(PartRun<?> part, long now, boolean everyWorkerBenched) {
        Worker best = null;
        for (Worker worker : workers.values()) {
            // A worker benched since it last finished a part takes one part at a time, to prove itself.
            int room = worker.unproven ? 1 : settings.inFlightPerWorker();
            boolean usable = worker.inFlight < room && !part.runsOn(worker)
                    && (everyWorkerBenched || !worker.benched(now));
            if (usable && (best == null || worker.inFlight < best.inFlight
                    || worker.inFlight == best.inFlight && worker.lastGiven < best.lastGiven)) {
                best = worker;
            }
        }
        return best;
    }

    private <R> void start(Call<R> call, PartRun<R> part, Worker worker, long now, List<Runnable> after) {
        part.attempts++;
        worker.inFlight++;
        worker.lastGiven = now;
        Running<R> running = new Running<>(call, part, worker, now);
        part.running.add(running);
        Attempt attempt = new Attempt(worker.name, worker.channel, part.attempts, call.deadline);
        after.add(() -> running.subscribed(Multi.createFrom().deferred(() -> part.part.attempt(attempt))
                .subscribe().with(result -> reported(running, result), failure -> failed(running, failure),
                        () -> finished(running))));
    }

    private <R> void reported(Running<R> running, R result) {
        if (!running.call.over && running.part.part.firstReport(result)) {
            running.call.out.emit(result);
        }
    }

    private <R> void finished(Running<R> running) {
        List<Runnable> after = new ArrayList<>();
        synchronized (this) {
            if (!release(running, "done")) {
                return;
            }
            Call<R> call = running.call;
            PartRun<R> part = running.part;
            running.worker.proven(); // it answered: it is alive
            if (!part.done && !call.over) {
                part.done = true;
                call.durations.add(System.nanoTime() - running.started);
                List.copyOf(part.running).forEach(other -> cancel(other, after));
                after.add(() -> partEnded(call));
            }
            dispatch(after);
        }
        after.forEach(Runnable::run);
    }

    private <R> void failed(Running<R> running, Throwable failure) {
        Status status = Status.fromThrowable(failure);
        List<Runnable> after = new ArrayList<>();
        synchronized (this) {
            if (!release(running, "failed")) {
                return;
            }
            Call<R> call = running.call;
            if (!call.over && !running.part.done) {
                if (status.getCode() == Status.Code.DEADLINE_EXCEEDED) {
                    // The caller's deadline: no worker can finish in time, so nothing more starts.
                    call.over = true;
                    after.add(() -> call.out.fail(failure));
                } else {
                    if (RETRYABLE.contains(status.getCode())) {
                        running.worker.bench();
                    }
                    failed(call, running.part, status, after);
                }
            }
            dispatch(after);
        }
        after.forEach(Runnable::run);
    }

    /** A try of {@code part} failed with {@code status}: try again after a backoff, or give up. */
    private <R> void failed(Call<R> call, PartRun<R> part, Status status, List<Runnable> after) {
        if (!part.running.isEmpty()) {
            return; // a speculative copy still runs: it is the retry
        }
        if (RETRYABLE.contains(status.getCode()) && part.attempts < settings.maxAttempts()) {
            Counter.builder("fanout.pods.retries").description("Parts tried again on another worker after a failure")
                    .tag("pool", pool).register(registry).increment();
            long backoff = settings.backoff().toNanos() << Math.min(part.attempts - 1, 4);
            after.add(() -> timers.schedule(() -> retry(call, part), backoff, TimeUnit.NANOSECONDS));
            return;
        }
        part.done = true;
        int attempts = part.attempts;
        after.add(() -> {
            try {
                for (R result : part.part.giveUp(status, attempts)) {
                    if (part.part.firstReport(result)) {
                        call.out.emit(result);
                    }
                }
                partEnded(call);
            } catch (RuntimeException fatal) {
                failCall(call, fatal);
            }
        });
    }

    /** Fails the call once: several parts may give up at the same moment, and only the first failure is the call's. */
    private void failCall(Call<?> call, Throwable failure) {
        synchronized (this) {
            if (call.over) {
                return;
            }
            call.over = true;
        }
        call.out.fail(failure);
    }

    private <R> void retry(Call<R> call, PartRun<R> part) {
        List<Runnable> after = new ArrayList<>();
        synchronized (this) {
            if (!call.over && !part.done) {
                call.waiting.addFirst(part);
                dispatch(after);
            }
        }
        after.forEach(Runnable::run);
    }

    /** Counted after the part's last result was emitted, so the call completes after every result. */
    private void partEnded(Call<?> call) {
        boolean last;
        synchronized (this) {
            last = --call.unfinished == 0;
        }
        if (last) {
            call.out.complete();
        }
    }

    /** The call completed, failed or was cancelled: cancel what still runs for it. */
    private void end(Call<?> call) {
        List<Runnable> after = new ArrayList<>();
        synchronized (this) {
            call.over = true;
            calls.remove(call);
            for (PartRun<?> part : call.parts) {
                List.copyOf(part.running).forEach(running -> cancel(running, after));
            }
            dispatch(after);
        }
        after.forEach(Runnable::run);
    }

    private void cancel(Running<?> running, List<Runnable> after) {
        if (release(running, "cancelled")) {
            after.add(running::cancel);
        }
    }

    /** Frees the running try's place on its worker; false if it was freed already. */
    private boolean release(Running<?> running, String outcome) {
        if (!running.part.running.remove(running)) {
            return false;
        }
        Worker worker = running.worker;
        worker.inFlight--;
        Counter.builder("fanout.pods.attempts").description("Tries of parts, by worker and outcome")
                .tag("pool", pool).tag("worker", worker.name).tag("outcome", outcome)
                .register(registry).increment();
        if (worker.gone && worker.inFlight == 0) {
            worker.channel.shutdown();
        }
        return true;
    }

    /** Marks parts that run far longer than their finished siblings, and queues a copy of each. */
    private void findStragglers() {
        List<Runnable> after = new ArrayList<>();
        synchronized (this) {
            long now = System.nanoTime();
            for (Call<?> call : calls) {
                findStragglers(call, now);
            }
            dispatch(after); // also picks up workers whose bench has passed
        }
        after.forEach(Runnable::run);
    }

    private <R> void findStragglers(Call<R> call, long now) {
        if (call.durations.isEmpty()) {
            return; // nothing to compare with yet; keepalive still finds a dead connection
        }
        List<Long> sorted = call.durations.stream().sorted().toList();
        long overdue = Math.max(settings.speculationAfter().toNanos(),
                PodsSettings.STRAGGLER_FACTOR * sorted.get(sorted.size() / 2));
        for (PartRun<R> part : call.parts) {
            for (Running<R> running : part.running) {
                if (!running.overdue && now - running.started > overdue) {
                    running.overdue = true;
                    running.worker.bench();
                    if (!part.speculated && part.attempts < settings.maxAttempts()) {
                        part.speculated = true;
                        call.waiting.addFirst(part);
                        Counter.builder("fanout.pods.speculations")
                                .description("Straggling parts run again on another worker")
                                .tag("pool", pool).register(registry).increment();
                    }
                }
            }
        }
    }

    // ---- membership

    /** Resolves the target again: new addresses become workers, gone ones drain. */
    private void refresh() {
        List<String> unresolved = new ArrayList<>();
        Map<InetSocketAddress, PodsTarget.Entry> resolved = target.resolve(unresolved);
        if (!unresolved.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "PODS {0}: cannot resolve {1}; keeping its known workers", pool, unresolved);
        }
        List<Runnable> after = new ArrayList<>();
        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        synchronized (this) {
            for (var known = workers.values().iterator(); known.hasNext(); ) {
                Worker worker = known.next();
                if (!resolved.containsKey(worker.address) && !unresolved.contains(worker.entry.host())) {
                    known.remove();
                    worker.gone = true;
                    removed.add(worker.name);
                    if (worker.inFlight == 0) {
                        worker.channel.shutdown();
                    }
                }
            }
            resolved.forEach((address, entry) -> workers.computeIfAbsent(address, newAddress -> {
                added.add(Worker.name(newAddress));
                return new Worker(newAddress, entry, channelTo(newAddress, entry));
            }));
            if (!added.isEmpty()) {
                dispatch(after);
            }
        }
        if (!added.isEmpty() || !removed.isEmpty()) {
            LOG.log(System.Logger.Level.INFO, "PODS {0}: {1} worker(s) behind {2}; new {3}, gone {4}",
                    pool, workerCount(), target, added, removed);
        }
        after.forEach(Runnable::run);
    }

    private ManagedChannel channelTo(InetSocketAddress address, PodsTarget.Entry entry) {
        ManagedChannel channel = NettyChannelBuilder.forAddress(address, credentials)
                .overrideAuthority(entry.authority()) // what TLS verifies: the name, not the pod's address
                .keepAliveTime(KEEPALIVE.toMillis(), TimeUnit.MILLISECONDS)
                .keepAliveTimeout(KEEPALIVE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .build();
        channel.getState(true); // connect now, so the first part does not wait for it
        return channel;
    }

    @Override
    public void close() throws InterruptedException {
        timers.shutdownNow();
        List<Worker> open;
        synchronized (this) {
            open = List.copyOf(workers.values());
            workers.clear();
        }
        for (Worker worker : open) {
            worker.channel.shutdownNow();
        }
        for (Worker worker : open) {
            worker.channel.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    // ---- state

    private static final class Worker {
        final InetSocketAddress address;
        final PodsTarget.Entry entry;
        final String name;
        final ManagedChannel channel;
        int inFlight;
        long lastGiven;
        long benchedUntil;
        /** Benched, and has not finished a part since. */
        boolean unproven;
        boolean gone;

        Worker(InetSocketAddress address, PodsTarget.Entry entry, ManagedChannel channel) {
            this.address = address;
            this.entry = entry;
            this.name = name(address);
            this.channel = channel;
        }

        static String name(InetSocketAddress address) {
            return address.getAddress().getHostAddress() + ":" + address.getPort();
        }

        void bench() {
            benchedUntil = System.nanoTime() + BENCH.toNanos();
            unproven = true;
        }

        void proven() {
            benchedUntil = 0;
            unproven = false;
        }

        boolean benched(long now) {
            return benchedUntil - now > 0;
        }
    }

    private static final class Call<R> {
        final MultiEmitter<? super R> out;
        final Optional<Instant> deadline;
        final List<PartRun<R>> parts = new ArrayList<>();
        final Deque<PartRun<R>> waiting = new ArrayDeque<>();
        /** How long each finished part took, for the straggler threshold. */
        final List<Long> durations = new ArrayList<>();
        int unfinished;
        volatile boolean over;

        Call(MultiEmitter<? super R> out, Optional<Instant> deadline, List<? extends Part<R>> parts) {
            this.out = out;
            this.deadline = deadline;
            parts.forEach(part -> this.parts.add(new PartRun<>(part)));
            this.waiting.addAll(this.parts);
            this.unfinished = parts.size();
        }
    }

    private static final class PartRun<R> {
        final Part<R> part;
        final List<Running<R>> running = new ArrayList<>(2);
        int attempts;
        boolean speculated;
        boolean done;

        PartRun(Part<R> part) {
            this.part = part;
        }

        boolean runsOn(Worker worker) {
            return running.stream().anyMatch(run -> run.worker == worker);
        }
    }

    /** One try in flight; its subscription is set just after it starts, and may be cancelled before. */
    private static final class Running<R> {
        final Call<R> call;
        final PartRun<R> part;
        final Worker worker;
        final long started;
        boolean overdue;
        private Cancellable subscription;
        private boolean cancelled;

        Running(Call<R> call, PartRun<R> part, Worker worker, long started) {
            this.call = call;
            this.part = part;
            this.worker = worker;
            this.started = started;
        }

        synchronized void subscribed(Cancellable subscription) {
            this.subscription = subscription;
            if (cancelled) {
                subscription.cancel();
            }
        }

        void cancel() {
            Cancellable toCancel;
            synchronized (this) {
                cancelled = true;
                toCancel = subscription;
            }
            if (toCancel != null) {
                toCancel.cancel();
            }
        }
    }
}
