package dev.fanout.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One run of the packaged fanout CLI (client-cli/target/fanout.jar): its exit code and its stdout and stderr. */
record CliRun(int exitCode, String output) {
    /** As bin/fanout runs the jar: protobuf's and Netty's use of sun.misc.Unsafe prints no warning on JDK 24+. */
    private static final String UNSAFE_ALLOWED = "-Dsun.misc.unsafe.memory.access=allow";

    /**
     * Starts the packaged CLI without waiting, stdout and stderr to {@code output}. SIGINT is set to
     * its default first (GNU env): a process started with it ignored, as background jobs of a
     * non-interactive shell are, could not be stopped with it.
     */
    static Process start(List<String> arguments, Path output) throws IOException {
        Path jar = ServiceProcess.APPS.resolve("client-cli/target/fanout.jar");
        List<String> command = new ArrayList<>(List.of("env", "--default-signal=INT",
                ProcessHandle.current().info().command().orElse("java"), UNSAFE_ALLOWED, "-jar", jar.toString()));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        process.getOutputStream().close();
        return process;
    }

    static CliRun of(List<String> arguments) throws IOException, InterruptedException {
        Path jar = ServiceProcess.APPS.resolve("client-cli/target/fanout.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: ./mvnw verify at the root builds client-cli before deploy");
        }
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), UNSAFE_ALLOWED, "-jar",
                jar.toString()));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("fanout " + arguments + " did not end within 60 s:\n" + output);
        }
        return new CliRun(process.exitValue(), output);
    }
}
