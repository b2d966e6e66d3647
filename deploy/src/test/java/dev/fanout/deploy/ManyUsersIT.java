package dev.fanout.deploy;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.runtime.testing.ReflectionProbe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.Test;

/**
 * Many users at once on the main job's topology (bin/fanout-local-topology --hold: a coordinator with
 * three workers, a fetcher that is its own PODS peer), the packaged apps as processes: users on their
 * own connections, a group sharing one connection, calls on fresh connections, users of the packaged
 * CLI; every mode of both services; a share of the calls cancelled a few milliseconds in or given a
 * 30 ms deadline. No healthy call fails or comes back wrong, no interrupted call ends otherwise than
 * as interrupted, and every process's threads, open files and live heap come back after a short idle.
 *
 * <p>Prints and writes target/many-users-it/table.txt: per scenario healthy calls ok / failed / wrong,
 * interrupted calls ended as such (intr.ok) or not (intr.!), p50/p99 of the healthy calls; per
 * process the resources before and after. Longer, as a soak:
 * {@code -Dmany-users.duration=5m} (default 40s; -Dmany-users.warmup, -Dmany-users.idle likewise); with each
 * pod's settings from deploy/base instead of bin/fanout-local-topology's: {@code -Dmany-users.pod=true}.
 */
class ManyUsersIT {

    private static final Path DIR = Kustomize.DEPLOY.resolve("target/many-users-it");
    private static final String COMPUTE = "127.0.0.1:8081";
    private static final String FETCHER = "127.0.0.1:8082";
    private static final int CLI_USERS = 2;

    private static final Duration DURATION = duration("many-users.duration", "40s");
    /** The same topology with each pod's settings from deploy/base (heap, processors, environment): {@link PodSettingsTopology}. */
    private static final boolean POD_SETTINGS = Boolean.getBoolean("many-users.pod");
    /** The same load first, unrecorded, so pools, caches and compiled code are at their working size when "before" is read. */
    private static final Duration WARMUP = duration("many-users.warmup", "8s");
    /** After the load, before "after" is read: calls' connections and work are gone, idle pools not yet trimmed. */
    private static final Duration IDLE = duration("many-users.idle", "5s");

    /**
     * What a healthy run may hold more after the load than after the warm-up: pools settle at a
     * slightly different size. A leak of one thread or descriptor per call passes these many times
     * over: the load makes thousands of calls ({@link #MIN_CALLS} at least).
     */
    private static final int THREAD_SLACK = 40;
    private static final int FD_SLACK = 64;
    private static final long HEAP_SLACK = 32L << 20;
    private static final int MIN_CALLS = 10 * FD_SLACK;
    private static final Pattern FAILED_ATTEMPTS = Pattern.compile("(?m)^fanout_pods_attempts_total\\{[^}]*outcome=\"failed\"[^}]*\\} (\\S+)$");

    private static Duration duration(String property, String fallback) {
        return Duration.parse("PT" + System.getProperty(property, fallback).toUpperCase());
    }

    @Test
    void everyHealthyCallIsExactlyRightAndResourcesComeBack() throws Exception {
        Files.createDirectories(DIR);
        try (ServicePids topology = POD_SETTINGS ? PodSettingsTopology.start(DIR.resolve("pod-topology"))
                : LocalTopology.hold(DIR.resolve("topology"));
                ManyUsersLoad.Channels probes = ManyUsersLoad.Channels.open(COMPUTE, FETCHER)) {
            FanoutApi api = new FanoutApi(new ReflectionProbe(probes.compute()), new ReflectionProbe(probes.fetcher()));
            ManyUsersLoad load = new ManyUsersLoad(api, COMPUTE, FETCHER);

            load.run(WARMUP, new CliUsers(0, load, COMPUTE, FETCHER, DIR));
            Thread.sleep(IDLE);
            Map<String, ProcessResources> before = resources(topology);
            double failedAttemptsBefore = failedPodsAttempts();

            List<ScenarioTally> tallies = load.run(DURATION, new CliUsers(CLI_USERS, load, COMPUTE, FETCHER, DIR));
            Thread.sleep(IDLE);
            Map<String, ProcessResources> after = resources(topology);

            String table = table(tallies, before, after, failedPodsAttempts() - failedAttemptsBefore);
            System.out.print(table);
            Files.writeString(DIR.resolve("table.txt"), table);

            List<Executable> checks = new ArrayList<>();
            int calls = tallies.stream().mapToInt(ScenarioTally::calls).sum();
            checks.add(() -> assertTrue(calls >= MIN_CALLS, calls + " calls: too few for the resource checks to catch a leak per call"));
            for (ScenarioTally tally : tallies) {
                checks.add(() -> assertTrue(tally.healthyExpected ? tally.ok() > 0 : tally.calls() > 0, tally.name + ": no call succeeded"));
                checks.add(() -> assertTrue(tally.bad() == 0, tally.name + ": " + tally.bad() + " calls failed, came back wrong, or ended"
                        + " otherwise than as interrupted:\n" + String.join("\n", tally.failureSamples())));
            }
            before.forEach((service, was) -> {
                ProcessResources now = after.get(service);
                checks.add(() -> assertTrue(now.threads() <= was.threads() + THREAD_SLACK, service + " threads " + was.threads() + " -> " + now.threads()));
                checks.add(() -> assertTrue(now.fds() <= was.fds() + FD_SLACK, service + " open files " + was.fds() + " -> " + now.fds()));
                checks.add(() -> assertTrue(now.heapBytes() <= was.heapBytes() + HEAP_SLACK, service + " live heap " + was.text() + " -> " + now.text()));
            });
            assertAll(checks);
        }
    }

    private static Map<String, ProcessResources> resources(ServicePids topology) throws IOException {
        Map<String, ProcessResources> resources = new LinkedHashMap<>();
        for (String service : LocalTopology.SERVICES) {
            resources.put(service, ProcessResources.of(topology.pid(service)));
        }
        return resources;
    }

    /** PODS part attempts that failed, coordinator and fetcher together: retried work, which nothing here should cause. */
    private static double failedPodsAttempts() {
        double failed = 0;
        for (String service : List.of(COMPUTE, FETCHER)) {
            Matcher m = FAILED_ATTEMPTS.matcher(StopProbe.get(service, "/q/metrics"));
            while (m.find()) {
                failed += Double.parseDouble(m.group(1));
            }
        }
        return failed;
    }

    private static String table(List<ScenarioTally> tallies, Map<String, ProcessResources> before, Map<String, ProcessResources> after,
            double failedAttempts) {
        StringBuilder table = new StringBuilder(String.format("Many users (%s): %s of load after a %s warm-up, resources after %s idle%n",
                POD_SETTINGS ? "deploy/base's pod settings" : "bin/fanout-local-topology", DURATION, WARMUP, IDLE));
        table.append(ScenarioTally.header()).append('\n');
        tallies.forEach(tally -> table.append(tally.row()).append('\n'));
        table.append(String.format("%n%-12s %-30s %-30s%n", "process", "before (after warm-up)", "after idle"));
        before.forEach((service, was) -> table.append(String.format("%-12s %-30s %-30s%n", service, was.text(), after.get(service).text())));
        table.append(String.format("%nPODS part attempts failed during the load (coordinator + fetcher): %.0f%n", failedAttempts));
        tallies.forEach(tally -> tally.failureSamples().forEach(sample -> table.append(sample).append('\n')));
        return table.toString();
    }
}
