package dev.fanout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** Gives {@link CliTest} methods their {@link Launcher} or {@link LaunchResult}. */
final class CliLauncher implements ParameterResolver {
    private static final long TIMEOUT_SECONDS = 120;

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Launcher.class || type == LaunchResult.class && context.getRequiredTestMethod().isAnnotationPresent(Launch.class);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Launcher launcher = context.getRequiredTestClass().getAnnotation(CliTest.class).packaged() ? CliLauncher::packaged
                : CliLauncher::inProcess;
        if (parameter.getParameter().getType() == Launcher.class) {
            return launcher;
        }
        Launch launch = context.getRequiredTestMethod().getAnnotation(Launch.class);
        LaunchResult result = launcher.launch(launch.value());
        assertEquals(launch.exitCode(), result.exitCode(), () -> "stdout: " + result.getOutput() + "\nstderr: " + result.getErrorOutput());
        return result;
    }

    /** The command line Main runs, in this JVM, with System.out and System.err captured (the commands print there). */
    static synchronized LaunchResult inProcess(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        int code;
        try {
                code = CommandLineFactory.create(args).execute(args); // after setErr: picocli's error writer wraps the captured one
        } finally {
            System.out.flush();
            System.err.flush();
            System.setOut(out);
            System.setErr(err);
        }
        return new LaunchResult(code, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
    }

    /**
     * The packaged client as a process: the native executable where -Pnative built one, else the jar on this
     * JVM, with the one JVM option bin/fanout gives it that changes what it prints (no sun.misc.Unsafe warning).
     */
    static List<String> packagedCommand() {
        Path nativeImage = Path.of(System.getProperty("native.image.path", "none"));
        return Files.isExecutable(nativeImage) ? List.of(nativeImage.toString())
                : List.of(ProcessHandle.current().info().command().orElseThrow(), "-Dsun.misc.unsafe.memory.access=allow", "-jar",
                        System.getProperty("packaged.jar", "target/fanout.jar"));
    }

    static LaunchResult packaged(String... args) {
        List<String> command = new ArrayList<>(packagedCommand());
        command.addAll(List.of(args));
        try {
            Path stdout = Files.createTempFile("fanout-out", ".txt");
            Path stderr = Files.createTempFile("fanout-err", ".txt");
            try {
                Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
                process.getOutputStream().close(); // stdin at its end, as a non-interactive shell gives it
                if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("fanout " + List.of(args) + " did not end within " + TIMEOUT_SECONDS + " s");
                }
                return new LaunchResult(process.exitValue(), Files.readString(stdout), Files.readString(stderr));
            } finally {
                Files.delete(stdout);
                Files.delete(stderr);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
