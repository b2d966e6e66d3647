package dev.fanout.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The TLS overlay's settings, run: the packaged services start with the very properties files the
 * local-tls overlay renders into its ConfigMap (certificate paths pointed at files this test
 * issues), and a gRPC client checks who gets in. Each service gets its own loopback address and
 * the ports of the manifests, as a pod would.
 */
class TlsIT {

    private static final String WORKER_HOST = "127.43.0.2";
    private static final String FETCHER_HOST = "127.43.0.3";
    private static final String WORKERS_NAME = "compute-workers.fanout.svc.cluster.local";
    private static final String FETCHER_NAME = "fetcher.fanout.svc.cluster.local";

    private static Path pki;
    private static ServiceProcess worker;
    private static ServiceProcess fetcher;

    @BeforeAll
    static void startServicesWithTheOverlaysTlsSettings() throws IOException {
        Path target = Kustomize.DEPLOY.resolve("target/tls-it");
        Files.createDirectories(target);
        pki = target;
        TestPki fanoutCa = new TestPki("fanout-ca");
        fanoutCa.issue(pki.resolve("compute-worker-tls"), "compute-worker", WORKERS_NAME);
        fanoutCa.issue(pki.resolve("compute-coordinator-tls"), "compute-coordinator", "compute.fanout.svc.cluster.local");
        fanoutCa.issue(pki.resolve("fetcher-tls"), "fetcher", FETCHER_NAME, "fetcher-peers.fanout.svc.cluster.local");
        new TestPki("intruder-ca").issue(pki.resolve("intruder-tls"), "intruder", WORKERS_NAME);

        worker = ServiceProcess.start("compute-service", WORKER_HOST, 8081,
                overlaySettings("compute-worker", pki.resolve("compute-worker-tls")), target.resolve("worker.log"));
        fetcher = ServiceProcess.start("fetcher-service", FETCHER_HOST, 8082,
                overlaySettings("fetcher", pki.resolve("fetcher-tls")), target.resolve("fetcher.log"));
    }

    /** QUARKUS_CONFIG_LOCATIONS as the Deployment sets it, pointing at the rendered properties file. */
    private static Map<String, String> overlaySettings(String role, Path secretDir) throws IOException {
        Rendered rendered = Rendered.overlay("local-tls");
        String location = rendered.environment(rendered.deployment(role)).get("QUARKUS_CONFIG_LOCATIONS");
        String fileName = Path.of(location).getFileName().toString();
        ConfigMap tlsConfig = rendered.all(ConfigMap.class).stream()
                .filter(map -> map.getData().containsKey(fileName)).findFirst().orElseThrow();
        Path properties = secretDir.resolveSibling(fileName);
        Files.writeString(properties, tlsConfig.getData().get(fileName).replace("/etc/fanout/tls/", secretDir + "/"));
        return Map.of("QUARKUS_CONFIG_LOCATIONS", properties.toString());
    }

    @AfterAll
    static void stop() {
        if (worker != null) {
            worker.close();
        }
        if (fetcher != null) {
            fetcher.close();
        }
    }

    private static ServingStatus health(String host, int port, ChannelCredentials credentials, String authority) {
        ManagedChannel channel = Grpc.newChannelBuilderForAddress(host, port, credentials).overrideAuthority(authority).build();
        try {
            return HealthGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                    .check(HealthCheckRequest.getDefaultInstance()).getStatus();
        } finally {
            channel.shutdownNow();
        }
    }

    private static ChannelCredentials tls(String trustedCa, String clientCertificate) throws IOException {
        var builder = TlsChannelCredentials.newBuilder().trustManager(pki.resolve(trustedCa).resolve("ca.crt").toFile());
        if (clientCertificate != null) {
            Path dir = pki.resolve(clientCertificate);
            builder.keyManager(dir.resolve("tls.crt").toFile(), dir.resolve("tls.key").toFile());
        }
        return builder.build();
    }

    private static void assertRefused(String host, int port, ChannelCredentials credentials, String authority) {
        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () -> health(host, port, credentials, authority));
        assertEquals(Status.Code.UNAVAILABLE, refused.getStatus().getCode(), refused.toString());
    }

    @Test
    void aWorkerAnswersTheCoordinatorOverMutualTls() throws IOException {
        assertEquals(ServingStatus.SERVING, health(WORKER_HOST, 8443, tls("compute-worker-tls", "compute-coordinator-tls"), WORKERS_NAME),
                worker.logText());
    }

    @Test
    void aWorkerRefusesTlsClientsWithoutACertificate() throws IOException {
        assertRefused(WORKER_HOST, 8443, tls("compute-worker-tls", null), WORKERS_NAME);
    }

    @Test
    void aWorkerRefusesACertificateFromAnotherAuthority() throws IOException {
        assertRefused(WORKER_HOST, 8443, tls("compute-worker-tls", "intruder-tls"), WORKERS_NAME);
    }

    @Test
    void theCoordinatorRefusesAWorkerWhoseCertificateDoesNotNameTheHeadlessService() throws IOException {
        assertRefused(WORKER_HOST, 8443, tls("compute-worker-tls", "compute-coordinator-tls"), "compute.fanout.svc.cluster.local");
    }

    @Test
    void theFetcherServesTlsThatCallersVerifyAgainstTheFanoutCa() throws IOException {
        assertEquals(ServingStatus.SERVING, health(FETCHER_HOST, 8443, tls("fetcher-tls", null), FETCHER_NAME), fetcher.logText());
        assertRefused(FETCHER_HOST, 8443, tls("intruder-tls", null), FETCHER_NAME);
    }

    @Test
    void probesAndPrometheusKeepTheCleartextPort() {
        assertEquals(ServingStatus.SERVING, health(FETCHER_HOST, 8082, InsecureChannelCredentials.create(), FETCHER_NAME));
        assertEquals(ServingStatus.SERVING, health(WORKER_HOST, 8081, InsecureChannelCredentials.create(), WORKERS_NAME), worker.logText());
    }
}
