package dev.fanout.runtime.pods;

import static dev.fanout.runtime.pods.InProcessWorkers.Action.HANG;
import static dev.fanout.runtime.pods.InProcessWorkers.Action.answer;
import static dev.fanout.runtime.pods.InProcessWorkers.Action.fail;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.runtime.pods.InProcessWorkers.FakeWorker;
import dev.fanout.runtime.pods.RecordingObserver.Seen;
import grpc.health.v1.HealthGrpc;
import grpc.health.v1.HealthOuterClass.HealthCheckRequest;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.Cancellable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The fan-out's behaviour on a fake clock, with workers as in-process gRPC servers that answer when the
 * clock reaches their delay: every step runs on the test's thread, so each test is deterministic and
 * none depends on how fast or loaded the machine is.
 */
class PodsFanoutTest {

    private static final PodsSettings SETTINGS = new PodsSettings(3, Duration.ofMillis(10), 2, Duration.ofMillis(300),
            Duration.ofSeconds(1));

    private final InProcessWorkers workers = new InProcessWorkers();
    private final RecordingObserver observer = new RecordingObserver();
    private final List<PodsFanout> fanouts = new ArrayList<>();

    @AfterEach
    void stop() throws InterruptedException {
        for (PodsFanout fanout : fanouts) {
            fanout.close();
        }
        workers.close();
    }

    private PodsFanout fanout() {
        return fanout(observer);
    }

    private PodsFanout fanout(PodsObserver seeing) {
        PodsFanout fanout = workers.fanout(SETTINGS, seeing);
        fanouts.add(fanout);
        return fanout;
    }

    private void advance(long millis) {
        workers.clock.advance(Duration.ofMillis(millis));
    }

    /** What a part reports: which part, and where and at which try it was done. */
    record Done(String part, String worker, int attempt) {
    }

    /** Part {@code n} of call {@code call}: one health check named "cCALL/pN". */
    private static final class Piece implements Part<Done> {
        final String name;
        final AtomicBoolean reported = new AtomicBoolean();
        volatile PartFailure gaveUp;

        Piece(int call, int n) {
            this.name = "c" + call + "/p" + n;
        }

        @Override
        public Multi<Done> attempt(Attempt attempt) {
            return attempt.call(HealthGrpc.getCheckMethod(), HealthCheckRequest.newBuilder().setService(name).build())
                    .map(answer -> new Done(name, attempt.worker(), attempt.number()));
        }

        @Override
        public boolean firstReport(Done result) {
            return reported.compareAndSet(false, true);
        }

        @Override
        public List<Done> giveUp(PartFailure why) {
            gaveUp = why;
            throw Status.UNAVAILABLE.withDescription("part " + name + " failed: " + why.describe("worker")).asRuntimeException();
        }

        @Override
        public String describe() {
            return name;
        }
    }

    private static List<Piece> parts(int call, int count) {
        return IntStream.range(0, count).mapToObj(n -> new Piece(call, n)).toList();
    }

    /** A call's stream as it arrives. */
    private static final class Probe {
        final List<Done> results = new ArrayList<>();
        Throwable failure;
        boolean completed;
        Cancellable subscription;

        Set<String> parts() {
            return results.stream().map(Done::part).collect(Collectors.toSet());
        }

        Map<String, Long> perWorker() {
            return results.stream().collect(Collectors.groupingBy(Done::worker, Collectors.counting()));
        }
    }

    private static Probe subscribe(PodsFanout fanout, List<Piece> parts, Optional<Instant> deadline) {
        Probe probe = new Probe();
        probe.subscription = fanout.run(parts, deadline).subscribe().with(probe.results::add,
                failure -> probe.failure = failure, () -> probe.completed = true);
        return probe;
    }

    private static Probe subscribe(PodsFanout fanout, List<Piece> parts) {
        return subscribe(fanout, parts, Optional.empty());
    }

    private static void assertExact(Probe probe, List<Piece> parts) {
        assertNull(probe.failure);
        assertTrue(probe.completed, "completed");
        assertEquals(parts.size(), probe.results.size(), "each part reported once");
        assertEquals(parts.stream().map(piece -> piece.name).collect(Collectors.toSet()), probe.parts());
    }

    @Test
    void workersPullPartsSoAFasterWorkerDoesMoreAndNoneRunsMoreThanItsPlaces() throws Exception {
        FakeWorker fast = workers.worker(1, part -> answer(10));
        FakeWorker slow = workers.worker(2, part -> answer(20));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        List<Piece> parts = parts(0, 60);
        Probe call = subscribe(fanout(PodsObserver.both(observer, new PodsMetrics(registry))), parts);
        advance(1_000);
        assertExact(call, parts);
        // Each finishes its two places' parts per 10 or 20 ms, and takes the next one then.
        assertEquals(Map.of(fast.name(), 40L, slow.name(), 20L), call.perWorker());
        assertEquals(2, fast.mostRunning);
        assertEquals(2, slow.mostRunning);
        assertEquals(60.0, registry.get("fanout.pods.attempts").tags("pool", "test", "outcome", "done").counter().count());
        assertEquals(2.0, registry.get("fanout.pods.workers").gauge().value());
        for (Meter meter : registry.getMeters()) {
            assertEquals(Set.of(), meter.getId().getTags().stream().map(tag -> tag.getKey())
                    .filter(key -> !Set.of("pool", "outcome").contains(key)).collect(Collectors.toSet()), meter.getId().getName());
        }
    }

    @Test
    void aFailedTryIsRetriedOnAnotherWorkerAfterItsBackoffAndItsWorkerIsBenched() throws Exception {
        FakeWorker failing = workers.worker(1, part -> fail(Status.UNAVAILABLE.withDescription("failing on purpose")));
        FakeWorker good = workers.worker(2, part -> answer(5));
        List<Piece> parts = parts(0, 10);
        Probe call = subscribe(fanout(), parts);
        advance(1_000);
        assertExact(call, parts);
        assertEquals(Map.of(good.name(), 10L), call.perWorker());
        assertEquals(2, failing.started.size(), "its two places' parts, then benched");
        List<Seen> retries = observer.attempts.stream().filter(seen -> seen.info.retry()).toList();
        assertEquals(2, retries.size());
        retries.forEach(retry -> assertEquals(good.name(), retry.info.worker()));
        assertEquals(Set.of(2), call.results.stream().filter(done -> failing.started.contains(done.part()))
                .map(Done::attempt).collect(Collectors.toSet()), "the failed parts were done at their second try");
    }

    @Test
    void aBenchedWorkerGetsPartsAgainOnceItsBenchHasPassed() throws Exception {
        FakeWorker flaky = workers.worker(1, part -> fail(Status.UNAVAILABLE));
        workers.worker(2, part -> answer(5));
        PodsFanout fanout = fanout();
        subscribe(fanout, parts(0, 4));
        advance(1_000);
        flaky.behaviour = part -> answer(5);
        Probe soon = subscribe(fanout, parts(1, 10));
        advance(1_000);
        assertFalse(soon.perWorker().containsKey(flaky.name()), "benched");
        advance(Worker.BENCH.toMillis());
        Probe later = subscribe(fanout, parts(2, 10));
        advance(1_000);
        assertTrue(later.perWorker().getOrDefault(flaky.name(), 0L) >= 4, "it is used again: " + later.perWorker());
    }

    @Test
    void aPartThatFailsEveryTryGivesUpAfterMaxAttemptsSayingWhy() throws Exception {
        FakeWorker failing = workers.worker(1, part -> fail(Status.UNAVAILABLE.withDescription("failing on purpose")));
        List<Piece> parts = parts(0, 1);
        Probe call = subscribe(fanout(), parts);
        advance(1_000);
        assertEquals(3, failing.started.size());
        PartFailure why = parts.getFirst().gaveUp;
        assertEquals(3, why.attempts());
        assertEquals("3 tries on worker 10.0.0.1:8081 failed; the last: worker unreachable", why.describe("worker"));
        assertEquals(Status.Code.UNAVAILABLE, assertInstanceOf(StatusRuntimeException.class, call.failure).getStatus().getCode());
    }

    @Test
    void withNoWorkerBehindTheTargetEachPartGivesUpAfterItsTries() throws Exception {
        List<Piece> parts = parts(0, 2);
        Probe call = subscribe(fanout(), parts);
        advance(1_000);
        assertEquals("3 tries found no worker to run on", parts.getFirst().gaveUp.describe("worker"));
        assertInstanceOf(StatusRuntimeException.class, call.failure);
    }

    @Test
    void aStragglersPartIsRunAgainBesideItTheFirstToFinishWinsAndTheOtherIsCancelled() throws Exception {
        FakeWorker straggler = workers.worker(1, part -> answer(10_000));
        FakeWorker a = workers.worker(2, part -> answer(10));
        FakeWorker b = workers.worker(3, part -> answer(10));
        List<Piece> parts = parts(0, 12);
        Probe call = subscribe(fanout(), parts);
        advance(500); // past speculation-after (300 ms), and 3x the median (10 ms)
        assertExact(call, parts);
        assertEquals(Set.of(a.name(), b.name()), call.perWorker().keySet());
        assertEquals(2, straggler.started.size());
        assertEquals(Set.copyOf(straggler.started), Set.copyOf(straggler.cancelled), "its copies lost and were cancelled");
        assertEquals(0, straggler.running);
        List<Seen> copies = observer.attempts.stream().filter(seen -> seen.info.speculative()).toList();
        assertEquals(Set.copyOf(straggler.started), copies.stream().map(seen -> seen.info.part()).collect(Collectors.toSet()));
        copies.forEach(copy -> assertEquals(Status.Code.OK, copy.ended.getCode()));
        observer.attempts.stream().filter(seen -> seen.info.worker().equals(straggler.name()))
                .forEach(lost -> assertEquals(Status.Code.CANCELLED, lost.ended.getCode()));
    }

    @Test
    void aWorkerJoiningMidCallGetsPartsAndOneLeavingFinishesItsOwnThenItsChannelCloses() throws Exception {
        FakeWorker first = workers.worker(1, part -> answer(150));
        FakeWorker joining = workers.unlisted(2, part -> answer(100));
        PodsFanout fanout = fanout();
        List<Piece> parts = parts(0, 200);
        Probe call = subscribe(fanout, parts);
        advance(500);
        assertEquals(SETTINGS.inFlightPerWorker(), fanout.capacity());
        workers.list(joining);
        advance(600); // the refresh at 1 s finds it
        assertEquals(2, observer.workers);
        assertTrue(joining.started.size() >= 2, "the new worker pulls parts");
        workers.unlist(first);
        advance(950); // the refresh at 2 s finds it gone, with the two parts it started at 1.95 s
        int startedBeforeItLeft = first.started.size();
        assertEquals(2, first.running);
        assertFalse(workers.channels.get(first.address).isShutdown(), "its parts in flight still finish");
        advance(100);
        assertEquals(0, first.running);
        assertEquals(List.of(), first.cancelled);
        assertTrue(workers.channels.get(first.address).isShutdown(), "drained, its channel closes");
        advance(10_000);
        assertExact(call, parts);
        assertEquals(startedBeforeItLeft, first.started.size(), "no part after it left");
    }

    @Test
    void cancellingACallCancelsEachOfItsWorkerCallsAndRetriesNothing() throws Exception {
        FakeWorker a = workers.worker(1, part -> HANG);
        FakeWorker b = workers.worker(2, part -> HANG);
        Probe call = subscribe(fanout(), parts(0, 10));
        assertEquals(2, a.running);
        assertEquals(2, b.running);
        call.subscription.cancel();
        assertEquals(0, a.running + b.running);
        assertEquals(a.started, a.cancelled);
        assertEquals(b.started, b.cancelled);
        advance(60_000);
        assertEquals(4, a.started.size() + b.started.size(), "nothing started again");
        observer.attempts.forEach(seen -> assertEquals(Status.Code.CANCELLED, seen.ended.getCode()));
        assertEquals(List.of(Status.Code.CANCELLED), observer.callsEnded.stream().map(Status::getCode).toList());
    }

    @Test
    void theCallersDeadlineGoesToEachWorkerCallAndAWorkersDeadlineExceededEndsTheCall() throws Exception {
        FakeWorker late = workers.worker(1, part -> fail(Status.DEADLINE_EXCEEDED));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Probe call = subscribe(fanout(PodsObserver.both(observer, new PodsMetrics(registry))), parts(0, 3),
                Optional.of(Instant.now().plusSeconds(600)));
        advance(1_000);
        // The call ended at its deadline: its tries are not the worker's failures.
        assertEquals(2.0, registry.get("fanout.pods.attempts").tags("pool", "test", "outcome", "cancelled").counter().count());
        assertEquals(0.0, registry.get("fanout.pods.attempts").tags("pool", "test", "outcome", "failed").counter().count());
        assertEquals(List.of(true, true), late.hadDeadline);
        assertEquals(Status.Code.DEADLINE_EXCEEDED, Status.fromThrowable(call.failure).getCode());
        assertEquals("the call's deadline passed before part c0/p0 finished on 10.0.0.1:8081",
                Status.fromThrowable(call.failure).getDescription());
        assertEquals(2, late.started.size(), "nothing retried");
    }

    /**
     * Issue #22: users' calls at once, some cancelled as a server cancels them (the call's Context is
     * cancelled and current where its stream is cancelled), while the others' parts wait for places: the
     * healthy calls' worker calls are never cancelled, failed or retried because of another call.
     */
    @Test
    void manyCallsAtOnceWithSomeCancelledLeaveTheOthersUntouched() throws Exception {
        for (int n = 1; n <= 3; n++) {
            workers.worker(n, part -> answer(10));
        }
        PodsFanout fanout = fanout();
        int calls = 12;
        List<Context.CancellableContext> contexts = new ArrayList<>();
        List<Probe> probes = new ArrayList<>();
        for (int c = 0; c < calls; c++) {
            Context.CancellableContext context = Context.current().withCancellation();
            List<Piece> parts = parts(c, 8);
            contexts.add(context);
            probes.add(context.call(() -> subscribe(fanout, parts)));
        }
        for (int c = 0; c < calls; c += 3) { // every third call, a few ms apart, while others wait
            advance(3);
            Context.CancellableContext context = contexts.get(c);
            context.cancel(null);
            context.run(probes.get(c).subscription::cancel);
        }
        advance(10_000);
        for (int c = 0; c < calls; c++) {
            if (c % 3 != 0) {
                assertExact(probes.get(c), parts(c, 8));
                assertEquals(Set.of(1), probes.get(c).results.stream().map(Done::attempt).collect(Collectors.toSet()),
                        "call " + c + ": every part done at its first try");
                for (Seen seen : observer.of("c" + c + "/")) {
                    assertEquals(Status.Code.OK, seen.ended.getCode(), seen.info.toString());
                }
            }
        }
        assertEquals(0, observer.attempts.stream().filter(seen -> seen.info.retry() || seen.info.speculative()).count());
        observer.attempts.forEach(seen -> assertTrue(seen.ended.isOk() || seen.ended.getCode() == Status.Code.CANCELLED
                && Integer.parseInt(seen.info.part().substring(1, seen.info.part().indexOf('/'))) % 3 == 0, seen.info.toString()));
        contexts.forEach(context -> context.cancel(null));
    }
}
