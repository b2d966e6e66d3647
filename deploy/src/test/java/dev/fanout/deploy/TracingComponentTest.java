package dev.fanout.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.deploy.NetworkPolicies.Endpoint;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * components/tracing added to each overlay, as a user adds it: every pod has tracing on and sends
 * to the collector's Service, and the NetworkPolicies let it; without the component, neither.
 */
class TracingComponentTest {

    static Stream<Path> overlays() {
        return Kustomize.overlays().stream();
    }

    /** An overlay of {@code overlay} with the component, written under target/ (kustomize takes relative paths only). */
    private static Rendered withTracing(Path overlay) throws IOException {
        Path dir = Kustomize.DEPLOY.resolve("target/tracing-component").resolve(overlay.getFileName());
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources:
                  - %s
                components:
                  - %s
                """.formatted(dir.relativize(overlay), dir.relativize(Kustomize.DEPLOY.resolve("components/tracing"))));
        return Rendered.overlay(dir);
    }

    /** A collector pod in the namespace the endpoint's Service name points into (NAME.NAMESPACE.svc...). */
    private static Endpoint collector(URI endpoint) {
        String namespace = endpoint.getHost().split("\\.")[1];
        return Endpoint.pod(namespace, Map.of("app.kubernetes.io/name", "opentelemetry-collector"));
    }

    private static Endpoint pod(Deployment deployment) {
        return Endpoint.pod("fanout", deployment.getSpec().getTemplate().getMetadata().getLabels());
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyPodTracesToTheCollectorsServiceAndMayReachIt(Path overlay) throws IOException {
        Rendered rendered = withTracing(overlay);
        NetworkPolicies policies = new NetworkPolicies(rendered.all(NetworkPolicy.class), "fanout");
        assertEquals(3, rendered.all(Deployment.class).size());
        for (Deployment deployment : rendered.all(Deployment.class)) {
            Map<String, String> env = rendered.environment(deployment);
            String name = deployment.getMetadata().getName();
            assertEquals("false", env.get("OTEL_SDK_DISABLED"), name);
            assertEquals("grpc", env.get("OTEL_EXPORTER_OTLP_PROTOCOL"), name);
            URI endpoint = URI.create(env.get("OTEL_EXPORTER_OTLP_ENDPOINT"));
            assertEquals("otel-collector.observability.svc.cluster.local", endpoint.getHost(), name);
            assertTrue(policies.allows(pod(deployment), collector(endpoint), "TCP", endpoint.getPort()), name + " -> collector");
            assertFalse(policies.allows(pod(deployment), collector(endpoint), "TCP", 4318), name + " -> collector, another port");
            assertFalse(policies.allows(pod(deployment), Endpoint.pod("default", Map.of()), "TCP", endpoint.getPort()),
                    name + " -> another namespace");
        }
        // The rest of the overlay is as it was: e.g. the TLS overlays' workers target stays on its port.
        Rendered plain = Rendered.overlay(overlay);
        assertEquals(plain.environment(plain.deployment("compute-coordinator")).get("FANOUT_COMPUTE_WORKERS"),
                rendered.environment(rendered.deployment("compute-coordinator")).get("FANOUT_COMPUTE_WORKERS"));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void withoutTheComponentTracingIsOffAndNothingLeavesForACollector(Path overlay) {
        Rendered rendered = Rendered.overlay(overlay);
        NetworkPolicies policies = new NetworkPolicies(rendered.all(NetworkPolicy.class), "fanout");
        Endpoint collector = collector(URI.create("http://otel-collector.observability.svc.cluster.local:4317"));
        for (Deployment deployment : rendered.all(Deployment.class)) {
            Map<String, String> env = rendered.environment(deployment);
            assertNotEquals("false", env.get("OTEL_SDK_DISABLED"), deployment.getMetadata().getName());
            assertFalse(env.containsKey("OTEL_EXPORTER_OTLP_ENDPOINT"), deployment.getMetadata().getName());
            assertFalse(policies.allows(pod(deployment), collector, "TCP", 4317), deployment.getMetadata().getName());
        }
    }
}
