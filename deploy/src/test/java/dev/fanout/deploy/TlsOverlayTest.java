package dev.fanout.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.certmanager.api.model.v1.Certificate;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The TLS overlays: each role's certificate Secret, its Quarkus TLS registry settings, and cert-manager issuing them. */
class TlsOverlayTest {

    private static final Pattern MOUNTED_FILE = Pattern.compile("/etc/fanout/tls/([^\\s/]+)");

    static Stream<Path> tlsOverlays() {
        return Kustomize.overlays().stream().filter(overlay -> overlay.getFileName().toString().endsWith("-tls"));
    }

    private static VolumeMount mount(Deployment deployment, String path) {
        return Rendered.container(deployment).getVolumeMounts().stream().filter(m -> m.getMountPath().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError(deployment.getMetadata().getName() + " mounts nothing at " + path));
    }

    private static Volume volume(Deployment deployment, VolumeMount mount) {
        return deployment.getSpec().getTemplate().getSpec().getVolumes().stream().filter(v -> v.getName().equals(mount.getName()))
                .findFirst().orElseThrow();
    }

    /** The properties file a Deployment's QUARKUS_CONFIG_LOCATIONS names, read from the mounted ConfigMap. */
    private static Properties tlsSettings(Rendered rendered, Deployment deployment) throws IOException {
        URI location = URI.create(rendered.environment(deployment).get("QUARKUS_CONFIG_LOCATIONS"));
        VolumeMount mount = mount(deployment, "/etc/fanout/config");
        assertTrue(location.getPath().startsWith(mount.getMountPath() + "/"), location.toString());
        ConfigMap config = rendered.get(ConfigMap.class, volume(deployment, mount).getConfigMap().getName());
        String text = config.getData().get(Path.of(location.getPath()).getFileName().toString());
        assertNotNull(text, location + " is in ConfigMap " + config.getMetadata().getName());
        Properties properties = new Properties();
        properties.load(new StringReader(text));
        Matcher files = MOUNTED_FILE.matcher(text);
        while (files.find()) {
            assertTrue(Set.of("tls.crt", "tls.key", "ca.crt").contains(files.group(1)), "cert-manager's key names only: " + files.group());
        }
        return properties;
    }

    @ParameterizedTest
    @MethodSource("tlsOverlays")
    void everyRoleServesTlsFromItsOwnSecretOnTheGrpcTlsPort(Path overlay) throws IOException {
        Rendered rendered = Rendered.overlay(overlay);
        for (Deployment deployment : rendered.all(Deployment.class)) {
            String name = deployment.getMetadata().getName();
            VolumeMount tls = mount(deployment, "/etc/fanout/tls");
            assertEquals(Boolean.TRUE, tls.getReadOnly());
            assertEquals(name + "-tls", volume(deployment, tls).getSecret().getSecretName());
            Properties settings = tlsSettings(rendered, deployment);
            String bucket = settings.getProperty("quarkus.http.tls-configuration-name");
            assertEquals("/etc/fanout/tls/tls.crt", settings.getProperty("quarkus.tls." + bucket + ".key-store.pem.0.cert"), name);
            assertEquals("/etc/fanout/tls/tls.key", settings.getProperty("quarkus.tls." + bucket + ".key-store.pem.0.key"), name);
            assertEquals(Rendered.port(deployment, "grpc-tls"), Integer.parseInt(settings.getProperty("quarkus.http.ssl-port")));
            assertEquals("enabled", settings.getProperty("quarkus.http.insecure-requests"), "the kubelet's gRPC probes need cleartext");
        }
    }

    @ParameterizedTest
    @MethodSource("tlsOverlays")
    void coordinatorAndWorkersAuthenticateEachOtherAgainstTheFanoutCa(Path overlay) throws IOException {
        Rendered rendered = Rendered.overlay(overlay);
        Properties worker = tlsSettings(rendered, rendered.deployment("compute-worker"));
        assertEquals("/etc/fanout/tls/ca.crt", worker.getProperty("quarkus.tls.server.trust-store.pem.certs"), "workers verify client certificates");
        // Client authentication is build-time in Quarkus: compute-service sets it for every TLS port.
        assertEquals("REQUIRED", ServiceConfig.of("compute-service").properties().getProperty("quarkus.http.ssl.client-auth"));

        Properties coordinator = tlsSettings(rendered, rendered.deployment("compute-coordinator"));
        String peers = coordinator.getProperty("fanout.peers.tls-configuration-name");
        assertEquals("peers", peers);
        assertEquals("/etc/fanout/tls/tls.crt", coordinator.getProperty("quarkus.tls.peers.key-store.pem.0.cert"), "presents its certificate");
        assertEquals("/etc/fanout/tls/ca.crt", coordinator.getProperty("quarkus.tls.peers.trust-store.pem.certs"), "trusts only the Fanout CA");
        String workers = rendered.environment(rendered.deployment("compute-coordinator")).get("FANOUT_COMPUTE_WORKERS");
        assertTrue(workers.endsWith(":" + Rendered.port(rendered.deployment("compute-worker"), "grpc-tls")), workers);
    }

    @ParameterizedTest
    @MethodSource("tlsOverlays")
    void certManagerIssuesEverySecretForTheNamesClientsDial(Path overlay) {
        Rendered rendered = Rendered.overlay(overlay);
        for (Deployment deployment : rendered.all(Deployment.class)) {
            String secret = volume(deployment, mount(deployment, "/etc/fanout/tls")).getSecret().getSecretName();
            Certificate certificate = rendered.all(Certificate.class).stream()
                    .filter(c -> c.getSpec().getSecretName().equals(secret)).findFirst()
                    .orElseThrow(() -> new AssertionError("no Certificate issues " + secret));
            assertEquals("fanout-ca", certificate.getSpec().getIssuerRef().getName());
        }
        String workers = rendered.environment(rendered.deployment("compute-coordinator")).get("FANOUT_COMPUTE_WORKERS");
        String workersHost = workers.substring("dns:///".length(), workers.lastIndexOf(':'));
        assertTrue(rendered.get(Certificate.class, "compute-worker-tls").getSpec().getDnsNames().contains(workersHost), workersHost);
        assertTrue(rendered.get(Certificate.class, "compute-coordinator-tls").getSpec().getUsages().contains("client auth"));
        assertTrue(rendered.get(Certificate.class, "compute-coordinator-tls").getSpec().getDnsNames().contains("compute.fanout.svc.cluster.local"));
        assertEquals(Boolean.TRUE, rendered.get(Certificate.class, "fanout-ca").getSpec().getIsCA());
    }

    @Test
    void bothTlsOverlaysExist() {
        assertEquals(2, tlsOverlays().count());
    }
}
