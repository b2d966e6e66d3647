package dev.fanout.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Services select the pods they name, and the addresses in the settings resolve to them. */
class ServiceDiscoveryTest {

    static Stream<Path> overlays() {
        return Kustomize.overlays().stream();
    }

    /** The Deployments whose pods a Service selects. */
    private static List<Deployment> selectedBy(Rendered rendered, Service service) {
        Map<String, String> selector = service.getSpec().getSelector();
        assertFalse(selector == null || selector.isEmpty(), service.getMetadata().getName() + " selects pods");
        return rendered.all(Deployment.class).stream()
                .filter(d -> d.getSpec().getTemplate().getMetadata().getLabels().entrySet().containsAll(selector.entrySet()))
                .toList();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyServiceSelectsExactlyOneDeploymentOnItsNamedPort(Path overlay) {
        Rendered rendered = Rendered.overlay(overlay);
        for (Service service : rendered.all(Service.class)) {
            List<Deployment> selected = selectedBy(rendered, service);
            assertEquals(1, selected.size(), service.getMetadata().getName() + " selects " + selected.size() + " Deployments");
            for (ServicePort port : service.getSpec().getPorts()) {
                String name = port.getTargetPort().getStrVal();
                assertEquals(port.getName(), name, "targets the container port of its own name");
                assertEquals(Rendered.port(selected.getFirst(), name), port.getPort(), "same port number inside and outside");
                assertEquals(name.equals("grpc-tls") ? "grpc" : "kubernetes.io/h2c", port.getAppProtocol());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void callersFindTheCoordinatorAndTheFetcherThroughClusterIpServices(Path overlay) {
        Rendered rendered = Rendered.overlay(overlay);
        assertEquals("compute-coordinator", selectedBy(rendered, rendered.get(Service.class, "compute")).getFirst().getMetadata().getName());
        assertEquals("fetcher", selectedBy(rendered, rendered.get(Service.class, "fetcher")).getFirst().getMetadata().getName());
        assertNull(rendered.get(Service.class, "compute").getSpec().getClusterIP(), "a virtual IP for callers");
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void theCoordinatorResolvesEveryWorkerPodThroughTheHeadlessService(Path overlay) {
        Rendered rendered = Rendered.overlay(overlay);
        String target = rendered.environment(rendered.deployment("compute-coordinator")).get("FANOUT_COMPUTE_WORKERS");
        assertEquals("compute-worker", resolveHeadless(rendered, target).getMetadata().getName());
        assertFalse(rendered.environment(rendered.deployment("compute-worker")).containsKey("FANOUT_COMPUTE_WORKERS"),
                "workers have no workers of their own");
        assertEquals(Rendered.container(rendered.deployment("compute-coordinator")).getImage(),
                Rendered.container(rendered.deployment("compute-worker")).getImage(), "one image, two roles");
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyFetcherResolvesItsShardPeersThroughTheHeadlessService(Path overlay) {
        Rendered rendered = Rendered.overlay(overlay);
        String target = rendered.environment(rendered.deployment("fetcher")).get("FANOUT_FETCHER_PEERS");
        assertEquals("fetcher", resolveHeadless(rendered, target).getMetadata().getName());
    }

    /**
     * The Deployment a gRPC target such as dns:///compute-workers.fanout.svc.cluster.local:8081
     * reaches, asserting on the way that it names a headless Service of this namespace on a port the
     * pods listen on (a ClusterIP Service would give one address, and round_robin one connection).
     */
    private static Deployment resolveHeadless(Rendered rendered, String target) {
        URI uri = URI.create(target);
        assertEquals("dns", uri.getScheme(), target);
        String authority = uri.getPath().substring(1);
        String host = authority.substring(0, authority.lastIndexOf(':'));
        int port = Integer.parseInt(authority.substring(authority.lastIndexOf(':') + 1));
        String[] labels = host.split("\\.", 3);
        assertEquals("svc.cluster.local", labels[2], target);
        Service service = rendered.get(Service.class, labels[0]);
        assertEquals(labels[1], service.getMetadata().getNamespace(), target);
        assertEquals("None", service.getSpec().getClusterIP(), service.getMetadata().getName() + " is headless");
        assertTrue(service.getSpec().getPorts().stream().anyMatch(p -> p.getPort() == port), target + ": port");
        List<Deployment> selected = selectedBy(rendered, service);
        assertEquals(1, selected.size());
        String portName = service.getSpec().getPorts().stream().filter(p -> p.getPort() == port).findFirst().orElseThrow().getName();
        assertEquals(port, Rendered.port(selected.getFirst(), portName));
        return selected.getFirst();
    }
}
