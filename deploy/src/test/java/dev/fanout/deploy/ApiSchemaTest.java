package dev.fanout.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every overlay renders and every object it renders is one the Kubernetes API accepts. */
class ApiSchemaTest {

    static Stream<Path> overlays() {
        return Kustomize.overlays().stream();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyOverlayRendersToValidObjectsInTheFanoutNamespace(Path overlay) {
        Rendered rendered = Rendered.overlay(overlay);
        assertTrue(rendered.objects().size() > 10, overlay + " renders only " + rendered.objects().size() + " objects");
        rendered.objects().stream()
                .filter(object -> !object.getKind().equals("Namespace"))
                .forEach(object -> assertEquals("fanout", object.getMetadata().getNamespace(), object.getKind() + "/" + object.getMetadata().getName()));
    }

    @Test
    void theOverlaysUsersApplyExist() {
        assertTrue(Kustomize.overlays().containsAll(Stream.of("local", "production").map(Kustomize::overlay).toList()),
                "overlays found: " + Kustomize.overlays());
    }

    // The validator itself: each of these would be refused by the API server, so it must fail here.

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec:
              selector: {matchLabels: {a: b}}
              template:
                metadata: {labels: {a: b}}
                spec:
                  containers:
                    - name: c
                      image: i
                      %s
            """;

    @Test
    void aValidObjectIsReadIntoItsApiType() {
        var objects = ApiSchema.read(DEPLOYMENT.formatted("ports: [{containerPort: 8081}]"));
        assertEquals(8081, ((Deployment) objects.getFirst()).getSpec().getTemplate().getSpec().getContainers().getFirst()
                .getPorts().getFirst().getContainerPort());
    }

    @Test
    void aMisspelledFieldIsRejectedWithItsPath() {
        AssertionError error = assertThrows(AssertionError.class,
                () -> ApiSchema.read(DEPLOYMENT.formatted("readinesProbe: {grpc: {port: 8081}}")));
        assertTrue(error.getMessage().contains("Deployment/d.spec.template.spec.containers[0]: unknown field(s) [readinesProbe]"),
                error.getMessage());
    }

    @Test
    void aFieldAtTheWrongLevelIsRejected() {
        AssertionError error = assertThrows(AssertionError.class,
                () -> ApiSchema.read(DEPLOYMENT.formatted("ports: [{containerPort: 8081, grpc: {port: 8081}}]")));
        assertTrue(error.getMessage().contains("unknown field(s) [grpc]"), error.getMessage());
    }

    @Test
    void aStringWhereTheApiWantsAnIntegerIsRejected() {
        AssertionError error = assertThrows(AssertionError.class,
                () -> ApiSchema.read(DEPLOYMENT.formatted("ports: [{containerPort: \"8081\"}]")));
        assertTrue(error.getMessage().contains("Deployment/d"), error.getMessage());
    }

    @Test
    void aMisspelledFieldOfACertManagerObjectIsRejected() {
        AssertionError error = assertThrows(AssertionError.class, () -> ApiSchema.read("""
                apiVersion: cert-manager.io/v1
                kind: Certificate
                metadata: {name: c}
                spec: {secretName: s, dnsName: [a], issuerRef: {name: i}}
                """));
        assertTrue(error.getMessage().contains("Certificate/c.spec: unknown field(s) [dnsName]"), error.getMessage());
    }

    @Test
    void aKindTheApiDoesNotServeIsRejected() {
        AssertionError error = assertThrows(AssertionError.class,
                () -> ApiSchema.read("apiVersion: apps/v1\nkind: Deploymnet\nmetadata: {name: d}\n"));
        assertTrue(error.getMessage().contains("no API type apps/v1 Deploymnet"), error.getMessage());
    }
}
