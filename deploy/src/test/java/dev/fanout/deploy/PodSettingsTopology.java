package dev.fanout.deploy;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The main job's topology (bin/fanout-local-topology's addresses, ports and names: a coordinator on
 * 127.0.0.1:8081 with workers on 127.0.10.11-13, a fetcher on 127.0.0.1:8082 that is its own peer)
 * with each pod's settings from deploy/base: its Deployment's environment (config maps and env), its
 * heap as the image's run-java.sh sizes it (memory limit x JAVA_MAX_MEM_RATIO, 80% when unset), and
 * as many processors as its CPU limit.
 */
final class PodSettingsTopology implements ServicePids {

    private static final String WORKERS_NAME = "compute-workers.fanout.local";
    private static final String PEERS_NAME = "fetcher-peers.fanout.local";
    private static final List<String> WORKERS = List.of("127.0.10.11", "127.0.10.12", "127.0.10.13");
    /** run-java.sh's heap share of the container's memory when JAVA_MAX_MEM_RATIO is unset. */
    private static final int DEFAULT_MEM_RATIO = 80;

    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();

    static PodSettingsTopology start(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path hosts = dir.resolve("hosts");
        StringBuilder lines = new StringBuilder("127.0.0.1 localhost\n");
        WORKERS.forEach(worker -> lines.append(worker).append(' ').append(WORKERS_NAME).append('\n'));
        lines.append("127.0.0.1 ").append(PEERS_NAME).append('\n');
        Files.writeString(hosts, lines);
        Rendered base = Rendered.overlay(Kustomize.DEPLOY.resolve("base"));
        List<String> resolving = List.of("-Djdk.net.hosts.file=" + hosts, PodsTopology.DNS_TTL);

        PodSettingsTopology topology = new PodSettingsTopology();
        try {
            Deployment workers = base.deployment("compute-worker");
            for (int i = 0; i < WORKERS.size(); i++) {
                String name = "worker-" + (i + 1);
                topology.services.put(name, ServiceProcess.launch("compute-service", WORKERS.get(i), 8081,
                        environment(base, workers, name, Map.of()), jvmOptions(base, workers, List.of()), dir.resolve(name + ".log")));
            }
            topology.services.values().forEach(ServiceProcess::awaitStarted);
            Deployment coordinator = base.deployment("compute-coordinator");
            topology.services.put("coordinator", ServiceProcess.start("compute-service", "127.0.0.1", 8081,
                    environment(base, coordinator, "coordinator", Map.of("FANOUT_COMPUTE_WORKERS", "dns:///" + WORKERS_NAME + ":8081")),
                    jvmOptions(base, coordinator, resolving), dir.resolve("coordinator.log")));
            Deployment fetcher = base.deployment("fetcher");
            // The simulated origin on, and loopback allowed, as bin/fanout-service --origin does for the main job.
            topology.services.put("fetcher", ServiceProcess.start("fetcher-service", "127.0.0.1", 8082,
                    environment(base, fetcher, "fetcher", Map.of("FANOUT_FETCHER_PEERS", "dns:///" + PEERS_NAME + ":8082",
                            "FANOUT_FETCHER_ORIGIN_ENABLED", "true", "FANOUT_FETCHER_ALLOWED_NETWORKS", "127.0.0.0/8")),
                    jvmOptions(base, fetcher, resolving), dir.resolve("fetcher.log")));
            return topology;
        } catch (RuntimeException e) {
            topology.close();
            throw e;
        }
    }

    /** The pod's environment with the cluster's names replaced by the local ones, and HOSTNAME as the pod's name. */
    private static Map<String, String> environment(Rendered base, Deployment deployment, String name, Map<String, String> local) {
        Map<String, String> env = new HashMap<>();
        base.environment(deployment).forEach((key, value) -> {
            if (value != null) { // values from the downward API have no local meaning
                env.put(key, value);
            }
        });
        env.putAll(local);
        env.put("HOSTNAME", name);
        return env;
    }

    private static List<String> jvmOptions(Rendered base, Deployment deployment, List<String> more) {
        var limits = Rendered.container(deployment).getResources().getLimits();
        long memory = Quantity.getAmountInBytes(limits.get("memory")).longValue();
        int ratio = Integer.parseInt(base.environment(deployment).getOrDefault("JAVA_MAX_MEM_RATIO", Integer.toString(DEFAULT_MEM_RATIO)));
        int cpus = Quantity.getAmountInBytes(limits.get("cpu")).setScale(0, RoundingMode.CEILING).max(BigDecimal.ONE).intValue();
        List<String> options = new ArrayList<>(List.of("-Xmx" + (memory * ratio / 100 >> 20) + "m", "-XX:ActiveProcessorCount=" + cpus));
        options.addAll(more);
        return options;
    }

    @Override
    public long pid(String service) {
        return services.get(service).pid();
    }

    @Override
    public void close() {
        List.copyOf(services.values()).reversed().forEach(ServiceProcess::close);
    }
}
