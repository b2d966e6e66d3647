package dev.fanout.deploy;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * The users of {@link ManyUsersIT}, each a thread calling in a loop until the load ends: on its own
 * connections, on one connection its group shares, or on a fresh connection per call; some of their
 * calls cancelled a few milliseconds after they start or given a 30 ms deadline. Every healthy answer
 * is checked exactly; an interrupted call may end CANCELLED or DEADLINE_EXCEEDED, or exactly right.
 */
final class ManyUsersLoad {

    enum Connection { OWN, SHARED, FRESH }

    /** A group of {@code users} alike: their connections, the kinds of call they make, the share they interrupt. */
    record Scenario(String name, int users, Connection connection, List<String> kinds, int cancelPercent, int deadlinePercent) {
        boolean hasHealthyCalls() {
            return cancelPercent + deadlinePercent < 100;
        }
    }

    static final List<String> COMPUTE = List.of("SINGLE", "CORES", "PODS");
    static final List<String> FETCH = List.of("SEQUENTIAL", "THREADS", "VIRTUAL_THREADS", "REACTIVE", "PODS");
    static final List<String> EVERY = List.of("compute SINGLE", "compute CORES", "compute PODS", "fetch SEQUENTIAL", "fetch THREADS",
            "fetch VIRTUAL_THREADS", "fetch REACTIVE", "fetch PODS");

    static final List<Scenario> SCENARIOS = List.of(
            new Scenario("own connections, compute SINGLE/CORES/PODS", 2, Connection.OWN,
                    COMPUTE.stream().map(m -> "compute " + m).toList(), 0, 0),
            new Scenario("own connections, fetch every mode", 2, Connection.OWN, FETCH.stream().map(m -> "fetch " + m).toList(), 0, 0),
            new Scenario("own connections, PODS compute and fetch", 3, Connection.OWN, List.of("compute PODS", "fetch PODS"), 0, 0),
            new Scenario("one shared connection, all modes, 1/3 cancel, 1/6 30ms", 6, Connection.SHARED, EVERY, 33, 17),
            new Scenario("own connections, PODS, all cancelled or 30ms", 6, Connection.OWN, List.of("compute PODS", "fetch PODS"), 80, 20),
            new Scenario("fresh connection per call, all modes, 1/5 cancel", 2, Connection.FRESH, EVERY, 20, 0));

    /** Healthy calls wait this long: one that takes longer has failed. */
    private static final Duration HEALTHY_DEADLINE = Duration.ofSeconds(60);
    private static final Duration SHORT_DEADLINE = Duration.ofMillis(30);

    private final FanoutApi api;
    private final String compute;
    private final String fetcher;

    ManyUsersLoad(FanoutApi api, String compute, String fetcher) {
        this.api = api;
        this.compute = compute;
        this.fetcher = fetcher;
    }

    /** Runs every scenario's users for {@code duration} (and {@code cli}'s users of the packaged CLI): one tally per scenario. */
    List<ScenarioTally> run(Duration duration, CliUsers cli) throws InterruptedException {
        long until = System.nanoTime() + duration.toNanos();
        List<ScenarioTally> tallies = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        List<Channels> shared = new ArrayList<>();
        for (Scenario scenario : SCENARIOS) {
            ScenarioTally tally = new ScenarioTally(scenario.name(), scenario.hasHealthyCalls());
            tallies.add(tally);
            Channels sharedChannels = scenario.connection() == Connection.SHARED ? Channels.open(compute, fetcher) : null;
            if (sharedChannels != null) {
                shared.add(sharedChannels);
            }
            IntStream.range(0, scenario.users()).forEach(user -> threads.add(Thread.ofVirtual().name(scenario.name() + " #" + user)
                    .start(() -> user(scenario, sharedChannels, tally, until))));
        }
        tallies.addAll(cli.start(until, threads));
        for (Thread thread : threads) {
            thread.join();
        }
        shared.forEach(Channels::close);
        return tallies;
    }

    /** The compute and fetcher channels a user calls on. */
    record Channels(ManagedChannel compute, ManagedChannel fetcher) implements AutoCloseable {
        static Channels open(String compute, String fetcher) {
            return new Channels(open(compute), open(fetcher));
        }

        private static ManagedChannel open(String target) {
            return Grpc.newChannelBuilder(target, InsecureChannelCredentials.create()).build();
        }

        @Override
        public void close() {
            close(compute);
            close(fetcher);
        }

        private static void close(ManagedChannel channel) {
            channel.shutdownNow();
            try {
                channel.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void user(Scenario scenario, Channels shared, ScenarioTally tally, long until) {
        Channels own = scenario.connection() == Connection.OWN ? Channels.open(compute, fetcher) : null;
        ThreadLocalRandom random = ThreadLocalRandom.current();
        try {
            while (System.nanoTime() < until) {
                String kind = scenario.kinds().get(random.nextInt(scenario.kinds().size()));
                Channels channels = own != null ? own : shared != null ? shared : Channels.open(compute, fetcher);
                try {
                    int roll = random.nextInt(100);
                    FanoutApi.Job job = job(kind, random);
                    var channel = job.label().startsWith("compute") ? channels.compute() : channels.fetcher();
                    if (roll < scenario.cancelPercent()) {
                        FanoutApi.Call call = FanoutApi.start(channel, job, HEALTHY_DEADLINE);
                        Thread.sleep(random.nextInt(2, 15));
                        call.cancel();
                        tally.interrupted(interruptedOtherwise(job, call));
                    } else if (roll < scenario.cancelPercent() + scenario.deadlinePercent()) {
                        tally.interrupted(interruptedOtherwise(job, FanoutApi.start(channel, job, SHORT_DEADLINE)));
                    } else {
                        healthy(job, FanoutApi.start(channel, job, HEALTHY_DEADLINE), tally);
                    }
                } finally {
                    if (channels != own && channels != shared) {
                        channels.close();
                    }
                }
                Thread.sleep(random.nextInt(0, 20)); // a user's think time
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (own != null) {
                own.close();
            }
        }
    }

    private static void healthy(FanoutApi.Job job, FanoutApi.Call call, ScenarioTally tally) throws InterruptedException {
        FanoutApi.Outcome outcome = outcome(call);
        if (!outcome.status().isOk()) {
            tally.healthyFailed(job.label() + ": " + outcome.status().getCode() + " " + outcome.status().getDescription());
            return;
        }
        String wrong = job.check().wrong(outcome.messages());
        if (wrong == null) {
            tally.healthyOk(outcome.nanos());
        } else {
            tally.healthyWrong(job.label() + ": " + wrong);
        }
    }

    /** Null when an interrupted call ended as one may: CANCELLED, DEADLINE_EXCEEDED, or finished first and exactly right. */
    private static String interruptedOtherwise(FanoutApi.Job job, FanoutApi.Call call) throws InterruptedException {
        FanoutApi.Outcome outcome = outcome(call);
        Status.Code code = outcome.status().getCode();
        if (code == Status.Code.CANCELLED || code == Status.Code.DEADLINE_EXCEEDED) {
            return null;
        }
        if (code != Status.Code.OK) {
            return job.label() + ": " + code + " " + outcome.status().getDescription();
        }
        String wrong = job.check().wrong(outcome.messages());
        return wrong == null ? null : job.label() + " (finished before its end): " + wrong;
    }

    private static FanoutApi.Outcome outcome(FanoutApi.Call call) throws InterruptedException {
        try {
            return call.outcome().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the call's listener failed", e);
        }
    }

    /** A call of {@code kind} ("compute MODE", "fetch MODE") of a random size. */
    FanoutApi.Job job(String kind, ThreadLocalRandom random) {
        String mode = kind.substring(kind.indexOf(' ') + 1);
        if (kind.startsWith("compute")) {
            // Up to 5e9: squares past 2^64 and parts past 2^32 (the kernels' wide path) as well as small ones.
            long start = random.nextLong(0, 5_000_000_000L);
            return api.sumOfSquares(mode, start, start + random.nextLong(100_000, 20_000_000));
        }
        int count = random.nextInt(4, 16);
        List<Long> sizes = new ArrayList<>();
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long size = random.nextLong(1, 60_000);
            sizes.add(size);
            urls.add(originUrl(random.nextInt(0, 40), size));
        }
        return api.fetch(mode, urls, sizes, 4);
    }

    /** A URL of the fetcher's simulated origin answering {@code bytes} bytes after {@code delayMs}. */
    String originUrl(int delayMs, long bytes) {
        return "http://" + fetcher + "/origin/delay/" + delayMs + "/bytes/" + bytes;
    }
}
