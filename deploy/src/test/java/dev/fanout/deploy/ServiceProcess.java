package dev.fanout.deploy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A packaged service (MODULE/target/quarkus-app) running as its own JVM, as in a pod. */
final class ServiceProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    /** Where the service modules are built: this repository, unless -Dfanout.apps=DIR points elsewhere. */
    static final Path APPS = Path.of(System.getProperty("fanout.apps", Kustomize.DEPLOY.getParent().toString()));

    private final Process process;
    private final Path log;
    private final URI started;

    private ServiceProcess(Process process, Path log, URI started) {
        this.process = process;
        this.log = log;
        this.started = started;
    }

    /** Starts the service bound to {@code host}, with extra environment and JVM options, and waits until it has started. */
    static ServiceProcess start(String module, String host, int httpPort, Map<String, String> environment, List<String> jvmOptions, Path log) {
        return launch(module, host, httpPort, environment, jvmOptions, log).awaitStarted();
    }

    /** Starts the service without waiting: {@link #awaitStarted()} then waits, so several can start at once. */
    static ServiceProcess launch(String module, String host, int httpPort, Map<String, String> environment, List<String> jvmOptions, Path log) {
        Path jar = APPS.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build the services first (./mvnw verify at the root builds them before deploy)");
        }
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx256m", "-Dquarkus.http.host=" + host, "-Dquarkus.http.port=" + httpPort));
        if (module.equals("compute-service")) {
            command.add("--add-modules=jdk.incubator.vector");
        }
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        try {
            return new ServiceProcess(builder.start(), log, URI.create("http://" + host + ":" + httpPort + "/q/health/started"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + module, e);
        }
    }

    /** Starts a service by a command of its own (bin/fanout-service), logging to {@code log}, and waits until it has started on host:port. */
    static ServiceProcess start(ProcessBuilder command, String host, int httpPort, Path log) {
        try {
            Process process = command.redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new ServiceProcess(process, log, URI.create("http://" + host + ":" + httpPort + "/q/health/started")).awaitStarted();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command.command(), e);
        }
    }

    /** Waits until /q/health/started answers 200; fails with the service's log if it exits or takes too long. */
    ServiceProcess awaitStarted() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited with " + process.exitValue() + ":\n" + logText());
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(started).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return this;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(Duration.ofMillis(200));
        }
        close();
        throw new IllegalStateException("not started within " + START_TIMEOUT + ":\n" + logText());
    }

    /** The service's process id, e.g. to read /proc/PID/status. */
    long pid() {
        return process.pid();
    }

    String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
