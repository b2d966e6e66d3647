package dev.fanout.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * bin/fanout as a user runs it (default java 17, a JDK 25 installed beside it) starts the client from
 * the AOT caches the build trained (client-cli's pom, profile aot-cache): the help pages from one,
 * calls from the other. {@code -XX:AOTMode=on} makes the JVM refuse to run when its cache cannot be
 * used (a stale or missing cache, other JVM options than the training's), and the class log says
 * where each class came from.
 */
class FanoutLauncherTest {

    private final Path dir = OlderDefaultJava.newDirectory();

    private record Run(int exitCode, String output, String classLog) {
        boolean fromCache(String className) {
            return classLog.contains(" " + className + " source: shared objects file");
        }
    }

    private Run fanout(String... args) throws IOException, InterruptedException {
        assumeTrue(Runtime.version().feature() >= 25, "the AOT caches are made on JDK 25+ (JEP 514)");
        Path classLog = dir.resolve("classes.log");
        ProcessBuilder builder = OlderDefaultJava.withNewerJdkInstalled(dir)
                .applyTo(new ProcessBuilder(command(args)))
                .redirectErrorStream(true);
        builder.environment().put("JDK_JAVA_OPTIONS", "-XX:AOTMode=on -Xlog:class+load=info:file=" + classLog);
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(1, TimeUnit.MINUTES), "bin/fanout ends");
        return new Run(process.exitValue(), output, Files.readString(classLog));
    }

    private static List<String> command(String... args) {
        List<String> command = new ArrayList<>(List.of(Readme.ROOT.resolve("bin/fanout").toString()));
        command.addAll(List.of(args));
        return command;
    }

    @Test
    void theHelpPagesStartFromTheHelpCache() throws IOException, InterruptedException {
        Run run = fanout("compute", "--help");
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("Usage: fanout compute"), run.output());
        assertTrue(run.fromCache("dev.fanout.cli.CommandLineFactory") && run.fromCache("picocli.CommandLine"), run.classLog());
        // Nothing of the calls' network stack: a JVM loads every class of its cache as it starts.
        assertFalse(run.classLog().contains("io.netty."), "the help cache holds Netty");
    }

    @Test
    void callsStartFromTheCallsCache() throws IOException, InterruptedException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        Run run = fanout("compute", "--mode", "single", "--end", "10", "--compute", "127.0.0.1:" + closedPort);
        // No service there: exit 3 after a real connection attempt, which takes the whole client stack.
        assertEquals(3, run.exitCode(), run.output());
        assertTrue(run.fromCache("dev.fanout.cli.CommandLineFactory") && run.fromCache("io.netty.channel.nio.NioEventLoop")
                && run.fromCache("io.grpc.netty.NettyClientTransport"), run.classLog());
        assertTrue(List.of(run.output().strip().split("\n")).getLast().startsWith("fanout: "), run.output());
    }
}
