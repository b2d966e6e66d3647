package dev.fanout.deploy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.deploy.NetworkPolicies.Endpoint;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Who may talk to whom, evaluated over the policies every overlay renders. */
class NetworkPolicyTest {

    private static final Map<String, String> COORDINATOR = podLabels("compute-service", "coordinator");
    private static final Map<String, String> WORKER = podLabels("compute-service", "worker");
    private static final Map<String, String> FETCHER = podLabels("fetcher-service", "fetcher");

    static Stream<Path> overlays() {
        return Kustomize.overlays().stream();
    }

    private static Map<String, String> podLabels(String name, String component) {
        return Map.of("app.kubernetes.io/name", name, "app.kubernetes.io/component", component, "app.kubernetes.io/part-of", "fanout");
    }

    private static Endpoint fanout(Map<String, String> labels) {
        return Endpoint.pod("fanout", labels);
    }

    private static NetworkPolicies policies(Path overlay) {
        return new NetworkPolicies(Rendered.overlay(overlay).all(NetworkPolicy.class), "fanout");
    }

    /** The port a Service sends gRPC to: 8081/8082 in cleartext, 8443 in the TLS overlays. */
    private static int grpcPort(Path overlay, String service) {
        return Rendered.overlay(overlay).get(Service.class, service).getSpec().getPorts().getFirst().getPort();
    }

    /** The cleartext port the probes and Prometheus use. */
    private static int metricsPort(Path overlay, String deployment) {
        return Rendered.port(Rendered.overlay(overlay).deployment(deployment), "grpc");
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void workersAcceptOnlyTheCoordinator(Path overlay) {
        NetworkPolicies policies = policies(overlay);
        int grpc = grpcPort(overlay, "compute-workers");
        int metrics = metricsPort(overlay, "compute-worker");
        assertTrue(policies.allows(fanout(COORDINATOR), fanout(WORKER), "TCP", grpc));
        for (int port : new int[] {grpc, metrics}) {
            assertFalse(policies.allows(fanout(FETCHER), fanout(WORKER), "TCP", port), "fetcher -> worker");
            assertFalse(policies.allows(fanout(WORKER), fanout(WORKER), "TCP", port), "worker -> worker");
            assertFalse(policies.allows(fanout(Map.of("app", "other")), fanout(WORKER), "TCP", port), "other pod -> worker");
            assertFalse(policies.allows(Endpoint.pod("default", Map.of()), fanout(WORKER), "TCP", port), "other namespace -> worker");
        }
        assertFalse(policies.allows(fanout(COORDINATOR), fanout(WORKER), "TCP", 9000), "coordinator -> worker on another port");
        if (grpc != metrics) {
            assertFalse(policies.allows(fanout(COORDINATOR), fanout(WORKER), "TCP", metrics), "coordinator -> worker in cleartext");
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void callersFromAnyNamespaceReachTheCoordinatorAndTheFetcherOnTheirPortsOnly(Path overlay) {
        NetworkPolicies policies = policies(overlay);
        Endpoint caller = Endpoint.pod("apps", Map.of("app", "caller"));
        int compute = grpcPort(overlay, "compute");
        int fetcher = grpcPort(overlay, "fetcher");
        assertTrue(policies.allows(caller, fanout(COORDINATOR), "TCP", compute));
        assertTrue(policies.allows(caller, fanout(FETCHER), "TCP", fetcher));
        assertFalse(policies.allows(caller, fanout(COORDINATOR), "TCP", 9000));
        assertFalse(policies.allows(caller, fanout(FETCHER), "TCP", 9000));
        if (compute != metricsPort(overlay, "compute-coordinator")) {
            assertFalse(policies.allows(caller, fanout(COORDINATOR), "TCP", metricsPort(overlay, "compute-coordinator")), "cleartext");
            assertFalse(policies.allows(caller, fanout(FETCHER), "TCP", metricsPort(overlay, "fetcher")), "cleartext");
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void fetchersReachTheirShardPeers(Path overlay) {
        String peers = Rendered.overlay(overlay).environment(Rendered.overlay(overlay).deployment("fetcher")).get("FANOUT_FETCHER_PEERS");
        assertTrue(policies(overlay).allows(fanout(FETCHER), fanout(FETCHER), "TCP", Integer.parseInt(peers.substring(peers.lastIndexOf(':') + 1))));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void prometheusInTheMonitoringNamespaceScrapesEveryPod(Path overlay) {
        NetworkPolicies policies = policies(overlay);
        Endpoint prometheus = Endpoint.pod("monitoring", Map.of("app.kubernetes.io/name", "prometheus"));
        assertTrue(policies.allows(prometheus, fanout(WORKER), "TCP", metricsPort(overlay, "compute-worker")));
        assertTrue(policies.allows(prometheus, fanout(COORDINATOR), "TCP", metricsPort(overlay, "compute-coordinator")));
        assertTrue(policies.allows(prometheus, fanout(FETCHER), "TCP", metricsPort(overlay, "fetcher")));
        assertFalse(policies.allows(Endpoint.pod("monitoring", Map.of("app.kubernetes.io/name", "grafana")), fanout(WORKER), "TCP",
                metricsPort(overlay, "compute-worker")));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyPodResolvesNamesAndNothingElseInKubeSystem(Path overlay) {
        NetworkPolicies policies = policies(overlay);
        Endpoint dns = Endpoint.pod("kube-system", Map.of("k8s-app", "kube-dns"));
        for (Map<String, String> pod : new Map[] {COORDINATOR, WORKER, FETCHER}) {
            assertTrue(policies.allows(fanout(pod), dns, "UDP", 53));
            assertTrue(policies.allows(fanout(pod), dns, "TCP", 53));
            assertFalse(policies.allows(fanout(pod), Endpoint.pod("kube-system", Map.of("component", "kube-apiserver")), "TCP", 443));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.215.14", "1.1.1.1", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"})
    void onlyTheFetcherReachesTheInternet(String publicAddress) {
        for (Path overlay : Kustomize.overlays()) {
            NetworkPolicies policies = policies(overlay);
            assertTrue(policies.allows(fanout(FETCHER), Endpoint.address(publicAddress), "TCP", 443), overlay + ": fetcher -> " + publicAddress);
            assertTrue(policies.allows(fanout(FETCHER), Endpoint.address(publicAddress), "TCP", 8080), overlay + ": fetcher -> " + publicAddress + ":8080");
            assertFalse(policies.allows(fanout(COORDINATOR), Endpoint.address(publicAddress), "TCP", 443), overlay + ": coordinator -> internet");
            assertFalse(policies.allows(fanout(WORKER), Endpoint.address(publicAddress), "TCP", 443), overlay + ": worker -> internet");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1", "10.96.0.1", "172.16.5.4", "172.31.255.255", "192.168.1.1", "169.254.169.254",
        "127.0.0.1", "100.64.0.1", "0.0.0.0", "fd00::1", "fe80::1", "::1"})
    void theFetcherCannotReachPrivateLoopbackLinkLocalOrMetadataAddresses(String privateAddress) {
        for (Path overlay : Kustomize.overlays()) {
            assertFalse(policies(overlay).allows(fanout(FETCHER), Endpoint.address(privateAddress), "TCP", 80),
                    overlay + ": fetcher -> " + privateAddress);
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void theFetcherCannotCallTheWorkers(Path overlay) {
        assertFalse(policies(overlay).allows(fanout(FETCHER), fanout(WORKER), "TCP", grpcPort(overlay, "compute-workers")));
    }

    @Test
    void cidrArithmetic() {
        assertTrue(NetworkPolicies.inCidr("172.31.255.255", "172.16.0.0/12"));
        assertFalse(NetworkPolicies.inCidr("172.32.0.0", "172.16.0.0/12"));
        assertTrue(NetworkPolicies.inCidr("8.8.8.8", "0.0.0.0/0"));
        assertFalse(NetworkPolicies.inCidr("8.8.8.8", "::/0"));
        assertTrue(NetworkPolicies.inCidr("fdff::1", "fc00::/7"));
    }
}
