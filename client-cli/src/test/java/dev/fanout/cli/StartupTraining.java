package dev.fanout.cli;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * The training run the build makes the client's AOT cache from (JDK 25+: {@code -XX:AOTCacheOutput},
 * client-cli's pom, profile {@code aot-cache}): fanout's own command line, in one JVM, on the commands
 * users start with. The cache then holds their classes loaded and linked, and their method profiles,
 * so bin/fanout's first call starts with them ready instead of re-doing that work on every run.
 *
 * <p>The calls go over real loopback sockets to {@link FakeServices}: the client's side of a call
 * (Netty, HTTP/2, grpc-java, protobuf) is the same whoever answers. A command that ends with another
 * exit code than expected fails the build: the cache would be trained on an error path.
 */
public final class StartupTraining {

    private StartupTraining() {
    }

    private record Run(int exitCode, String... args) {
    }

    /** {@code help} or {@code calls}: the workload of the cache bin/fanout uses for such a command line. */
    public static void main(String[] args) throws IOException {
        switch (args[0]) {
            // No server in this one: its classes would be in the cache, and a JVM started with a cache
            // loads all of its classes at once.
            case "help" -> run(List.of(
                    new Run(ExitCodes.OK, "--help"),
                    new Run(ExitCodes.OK, "compute", "--help"),
                    new Run(ExitCodes.OK, "fetch", "--help"),
                    new Run(ExitCodes.OK, "bench", "--help"),
                    new Run(ExitCodes.OK, "--version"),
                    new Run(ExitCodes.OK, "completion", "bash")));
            case "calls" -> {
                try (FakeServices services = new FakeServices().start()) {
                    String at = services.address();
                    String url = "http://127.0.0.1:9/origin/delay/1/bytes/1000";
                    run(List.of(
                            new Run(ExitCodes.OK, "compute", "--mode", "single", "--end", "1000", "--compute", at),
                            new Run(ExitCodes.OK, "compute", "--mode", "cores", "--end", "1000000", "--json", "--compute", at),
                            new Run(ExitCodes.OK, "fetch", "--mode", "reactive", "--url", url, url, "--fetcher", at),
                            new Run(ExitCodes.OK, "fetch", "--mode", "threads", "--url", url, "--json", "--fetcher", at),
                            new Run(ExitCodes.USAGE, "compute", "--mode", "fastest")));
                }
            }
            default -> throw new IllegalArgumentException("train for 'help' or 'calls', not '" + args[0] + "'");
        }
    }

    private static void run(List<Run> runs) {
        for (Run run : runs) {
            int code = CommandLineFactory.create(run.args()).execute(run.args());
            if (code != run.exitCode()) {
                throw new IllegalStateException("fanout " + String.join(" ", Arrays.asList(run.args())) + " exited "
                        + code + ", not " + run.exitCode() + ": the start-up training no longer runs what users run");
            }
        }
    }
}
