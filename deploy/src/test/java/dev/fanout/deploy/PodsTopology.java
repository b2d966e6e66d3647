package dev.fanout.deploy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.runtime.testing.ReflectionProbe;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A coordinator and its workers as packaged JVMs on loopback addresses, one port, the workers found
 * through one name in a hosts file the coordinator's JVM reads (as a headless Service's DNS answers
 * in a cluster): a worker is added or removed by editing the file, hung by SIGSTOP, resumed by SIGCONT.
 * Calls go to the coordinator through a client that knows only server reflection; the figures a
 * test records are printed and written to DIR/figures.txt when it closes.
 */
final class PodsTopology implements AutoCloseable {

    /**
     * The JVM DNS cache of the deployed images (Dockerfile.jvm, bin/fanout-service): a name's answer is
     * kept 5 s, so with the 5 s refresh-interval a new pod is used within about 10 s.
     */
    static final String DNS_TTL = "-Dsun.net.inetaddr.ttl=5";
    private static final Pattern ATTEMPTS = Pattern.compile(
            "(?m)^fanout_pods_attempts_total\\{([^}]*)\\} (\\S+)$");

    private final String module;
    private final String name;
    private final int port;
    private final Path dir;
    private final Path hosts;
    private final Map<String, ServiceProcess> workers = new LinkedHashMap<>();
    private final List<String> listed = new ArrayList<>();
    private final List<ServiceProcess> all = new ArrayList<>();
    private final List<String> figures = new ArrayList<>();
    private ServiceProcess coordinator;
    private String coordinatorAddress;
    private ManagedChannel channel;
    private ReflectionProbe probe;

    /** {@code module}: compute-service or fetcher-service; {@code name}: the workers' host name. */
    PodsTopology(String module, String name, int port, Path dir) throws IOException {
        this.module = module;
        this.name = name;
        this.port = port;
        this.dir = dir;
        this.hosts = dir.resolve("hosts");
        Files.createDirectories(dir);
        writeHosts();
    }

    /** Starts workers at {@code addresses} (listed under the name when {@code listed}), and waits until they have started. */
    void startWorkers(Map<String, Map<String, String>> environments, List<String> jvmOptions, boolean listed) throws IOException {
        List<ServiceProcess> started = new ArrayList<>();
        environments.forEach((address, environment) -> {
            ServiceProcess worker = ServiceProcess.launch(module, address, port, environment, jvmOptions,
                    dir.resolve(environment.get("HOSTNAME") + ".log"));
            workers.put(address, worker);
            all.add(worker);
            started.add(worker);
        });
        started.forEach(ServiceProcess::awaitStarted);
        if (listed) {
            this.listed.addAll(environments.keySet());
            writeHosts();
        }
    }

    /** Starts the coordinator at {@code address}, finding the workers through the hosts file. */
    void startCoordinator(String address, Map<String, String> environment) {
        coordinatorAddress = address + ":" + port;
        coordinator = ServiceProcess.start(module, address, port, environment,
                List.of("-Djdk.net.hosts.file=" + hosts, DNS_TTL), dir.resolve("coordinator.log"));
        all.add(coordinator);
        channel = Grpc.newChannelBuilder(coordinatorAddress, InsecureChannelCredentials.create()).build();
        probe = new ReflectionProbe(channel);
    }

    /** grpcurl's way to the coordinator: requests and responses as JSON. */
    ReflectionProbe probe() {
        return probe;
    }

    void figure(String line) {
        figures.add(line);
    }

    /** dns:///NAME:PORT, the coordinator's workers setting. */
    String target() {
        return "dns:///" + name + ":" + port;
    }

    String coordinator() {
        return coordinatorAddress;
    }

    void list(String address) throws IOException {
        listed.add(address);
        writeHosts();
    }

    void unlist(String address) throws IOException {
        listed.remove(address);
        writeHosts();
    }

    private void writeHosts() throws IOException {
        StringBuilder lines = new StringBuilder("127.0.0.1 localhost\n");
        listed.forEach(address -> lines.append(address).append(' ').append(name).append('\n'));
        Path next = dir.resolve("hosts.next");
        Files.writeString(next, lines);
        Files.move(next, hosts, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** SIGSTOP: the worker hangs, its connections stay open, as a frozen pod or a stalled node. */
    void stop(String address) {
        signal("STOP", address);
    }

    void resume(String address) {
        signal("CONT", address);
    }

    void terminate(String address) {
        workers.get(address).close();
    }

    private void signal(String signal, String address) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(workers.get(address).pid())).inheritIO().start();
            assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -" + signal + " " + address);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The coordinator's fanout_pods_attempts_total with one outcome (done, failed, cancelled), over all
     * workers: the metric has no worker tag (pods' addresses would make new series without end).
     */
    long attempts(String outcome) {
        Matcher m = ATTEMPTS.matcher(StopProbe.get(coordinatorAddress, "/q/metrics"));
        long total = 0;
        while (m.find()) {
            if (m.group(1).contains("outcome=\"" + outcome + "\"")) {
                total += (long) Double.parseDouble(m.group(2));
            }
        }
        return total;
    }

    /** Resumes every worker (a stopped JVM cannot handle SIGTERM), stops every process, writes the figures. */
    @Override
    public void close() throws IOException, InterruptedException {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        for (String address : workers.keySet()) {
            try {
                resume(address);
            } catch (AssertionError | RuntimeException alreadyGone) {
                // terminated earlier by the test
            }
        }
        all.reversed().forEach(ServiceProcess::close);
        String text = String.join("\n", figures) + "\n";
        System.out.print(text);
        Files.writeString(dir.resolve("figures.txt"), text);
    }
}
