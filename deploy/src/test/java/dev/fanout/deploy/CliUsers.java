package dev.fanout.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Users of the packaged {@code fanout} CLI, one process per call, PODS mode of both services; every
 * other call stopped with SIGINT (Ctrl-C) a moment after the process starts. An uninterrupted call
 * exits 0 with the exact answer; an interrupted one exits 130, or 0 with the exact answer when it
 * finished first.
 */
final class CliUsers {

    private static final Pattern SUM = Pattern.compile("\"sum\"\\s*:\\s*\"(\\d+)\"");
    private static final Pattern SUMMARY = Pattern.compile("\"ok\"\\s*:\\s*(\\d+)\\s*,\\s*\"failed\"\\s*:\\s*(\\d+)");

    private final int users;
    private final ManyUsersLoad load;
    private final String compute;
    private final String fetcher;
    private final Path dir;

    CliUsers(int users, ManyUsersLoad load, String compute, String fetcher, Path dir) {
        this.users = users;
        this.load = load;
        this.compute = compute;
        this.fetcher = fetcher;
        this.dir = dir;
    }

    /** Starts the users (their threads added to {@code threads}) until {@code until}; their tallies. */
    List<ScenarioTally> start(long until, List<Thread> threads) {
        ScenarioTally healthy = new ScenarioTally("packaged CLI, PODS", true);
        ScenarioTally interrupted = new ScenarioTally("packaged CLI, PODS, stopped by SIGINT", false);
        for (int user = 0; user < users; user++) {
            Path out = dir.resolve("cli-" + user + ".out");
            int first = user;
            threads.add(Thread.ofPlatform().name("cli user " + user).start(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                // Every other call stopped, the users out of step: both kinds from the first seconds on.
                for (int call = first; System.nanoTime() < until; call++) {
                    boolean sigint = call % 2 == 0;
                    call(random, out, sigint, sigint ? interrupted : healthy);
                }
            }));
        }
        return List.of(healthy, interrupted);
    }

    private void call(ThreadLocalRandom random, Path out, boolean sigint, ScenarioTally tally) {
        List<String> arguments = new ArrayList<>();
        Expected expected = random.nextBoolean() ? compute(random, arguments) : fetch(random, arguments);
        try {
            long started = System.nanoTime();
            Process process = CliRun.start(arguments, out);
            if (sigint) {
                Thread.sleep(random.nextInt(300, 1500));
                if (process.isAlive()) {
                    StopProbe.interrupt(process);
                }
            }
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                tally.healthyFailed("fanout " + arguments.getFirst() + " still running after 2 min");
                return;
            }
            long nanos = System.nanoTime() - started;
            String output = StopProbe.output(out);
            String wrong = process.exitValue() == 0 ? expected.wrong(output) : "exit " + process.exitValue() + ": " + lastLine(output);
            if (sigint) {
                tally.interrupted(process.exitValue() == 130 ? null : wrong);
            } else if (process.exitValue() != 0) {
                tally.healthyFailed(wrong);
            } else if (wrong != null) {
                tally.healthyWrong(wrong);
            } else {
                tally.healthyOk(nanos);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private interface Expected {
        /** Null when fanout's JSON output is the exact answer. */
        String wrong(String output);
    }

    private Expected compute(ThreadLocalRandom random, List<String> arguments) {
        long start = random.nextLong(0, 1_000_000_000L);
        long end = start + random.nextLong(100_000_000L, 2_000_000_000L);
        arguments.addAll(List.of("compute", "--compute", compute, "--mode", "pods", "--start", Long.toString(start),
                "--end", Long.toString(end), "--json"));
        String sum = FanoutApi.squaresBelow(end).subtract(FanoutApi.squaresBelow(start)).toString();
        return output -> {
            Matcher m = SUM.matcher(output);
            return m.find() && m.group(1).equals(sum) ? null : "[" + start + ", " + end + "): expected sum " + sum + ", printed " + lastLine(output);
        };
    }

    private Expected fetch(ThreadLocalRandom random, List<String> arguments) {
        int count = random.nextInt(10, 40);
        arguments.addAll(List.of("fetch", "--fetcher", fetcher, "--mode", "pods", "--json", "--url"));
        for (int i = 0; i < count; i++) {
            arguments.add(load.originUrl(random.nextInt(0, 100), random.nextLong(1, 60_000)));
        }
        return output -> {
            Matcher m = SUMMARY.matcher(output);
            return m.find() && Integer.parseInt(m.group(1)) == count && m.group(2).equals("0") ? null
                    : count + " URLs: expected all ok, printed " + lastLine(output);
        };
    }

    private static String lastLine(String output) {
        String stripped = output.strip();
        String last = stripped.substring(stripped.lastIndexOf('\n') + 1);
        return last.length() > 300 ? last.substring(0, 300) + "..." : last;
    }
}
