package dev.fanout.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * bin/fanout-service, the README's one command to start a service by hand, as a process on a machine
 * whose default java is 17: it finds the JDK 21+, the compute kernel runs its SIMD loop, and the
 * services listen where bin/fanout looks by default (127.0.0.1:8081 and :8082).
 */
class FanoutServiceIT {

    private final Path dir = OlderDefaultJava.newDirectory();

    private ServiceProcess start(String... arguments) {
        List<String> command = new ArrayList<>(List.of(Readme.ROOT.resolve("bin/fanout-service").toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = OlderDefaultJava.withNewerJdkInstalled(dir).applyTo(new ProcessBuilder(command));
        builder.environment().put("FANOUT_APPS", ServiceProcess.APPS.toString());
        int port = arguments[0].equals("compute") ? 8081 : 8082;
        return ServiceProcess.start(builder, "127.0.0.1", port, dir.resolve(arguments[0] + ".log"));
    }

    @Test
    void computeRunsTheSimdLoopWhereTheClientLooks() throws IOException, InterruptedException {
        try (ServiceProcess compute = start("compute")) {
            String log = compute.logText();
            assertTrue(log.contains("Sum-of-squares kernel: vector("), "the kernel's SIMD loop:\n" + log);
            assertFalse(log.contains("scalar loop"), log);
            CliRun run = CliRun.of(List.of("compute", "--mode", "single", "--end", "100000000"));
            assertEquals(0, run.exitCode(), run.output());
            assertTrue(run.output().contains("333333328333333350000000"), run.output());
        }
    }

    @Test
    void theFetcherWithItsOriginFetchesItWhereTheClientLooks() throws IOException, InterruptedException {
        try (ServiceProcess fetcher = start("fetcher", "--origin")) {
            CliRun run = CliRun.of(List.of("fetch", "--mode", "reactive", "--url", "http://127.0.0.1:8082/origin/delay/10/bytes/100"));
            assertEquals(0, run.exitCode(), run.output() + "\n" + fetcher.logText());
            assertTrue(run.output().contains("1 ok, 0 failed"), run.output());
        }
    }

    @Test
    void saysWhichServicesThereAre() throws IOException, InterruptedException {
        Process process = OlderDefaultJava.withNewerJdkInstalled(dir)
                .applyTo(new ProcessBuilder(Readme.ROOT.resolve("bin/fanout-service").toString(), "computer"))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertEquals(2, process.waitFor());
        assertEquals(List.of("fanout-service: name the service to start, compute or fetcher (see --help)"), output.lines().toList());
    }
}
