package dev.fanout.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * {@code bin/fanout-local-topology --hold} as a user runs it: started, awaited until it holds, and
 * stopped as Ctrl-C would, checking that every JVM it started is gone.
 */
final class LocalTopology implements ServicePids {

    static final String[] SERVICES = {"coordinator", "worker-1", "worker-2", "worker-3", "fetcher"};
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private final Process process;
    private final Path runDir;

    private LocalTopology(Process process, Path runDir) {
        this.process = process;
        this.runDir = runDir;
    }

    /** Starts the topology with its logs, pid files and printed output in {@code runDir}. */
    static LocalTopology hold(Path runDir) throws IOException, InterruptedException {
        Files.createDirectories(runDir);
        Path output = runDir.resolve("topology.out");
        ProcessBuilder builder = new ProcessBuilder(Readme.ROOT.resolve("bin/fanout-local-topology").toString(), "--hold")
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("FANOUT_TOPOLOGY_DIR", runDir.toString());
        builder.environment().put("FANOUT_APPS", ServiceProcess.APPS.toString());
        LocalTopology topology = new LocalTopology(builder.start(), runDir);
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (!Files.readString(output).contains("Holding")) {
            if (!topology.process.isAlive() || Instant.now().isAfter(deadline)) {
                topology.close();
                throw new IllegalStateException("the topology did not come up:\n" + Files.readString(output));
            }
            Thread.sleep(200);
        }
        return topology;
    }

    /** The pid of one of the services ({@link #SERVICES}). */
    @Override
    public long pid(String service) throws IOException {
        return Long.parseLong(Files.readString(runDir.resolve(service + ".pid")).strip());
    }

    /** SIGTERM, as Ctrl-C: the script's trap stops every JVM it started. */
    @Override
    public void close() throws IOException, InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("bin/fanout-local-topology did not stop within a minute of SIGTERM");
        }
        for (String service : SERVICES) {
            Path pidFile = runDir.resolve(service + ".pid");
            if (Files.exists(pidFile) && ProcessHandle.of(pid(service)).map(ProcessHandle::isAlive).orElse(false)) {
                throw new IllegalStateException(service + " is still running after the script stopped");
            }
        }
    }
}
