package dev.fanout.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.runtime.testing.ReflectionProbe;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The TLS overlay, run: the packaged services start with the environment the local-tls overlay
 * gives each Deployment and the very properties files it renders into its ConfigMap (certificate
 * paths pointed at files this test issues), and gRPC clients check who gets in. Each service gets
 * its own loopback address and the ports of the manifests, as a pod would; a hosts file stands in
 * for the cluster DNS of the headless Services.
 */
class TlsIT {

    private static final String COORDINATOR_HOST = "127.43.0.1";
    private static final String WORKER_HOST = "127.43.0.2";
    private static final String FETCHER_HOST = "127.43.0.3";
    private static final String WORKERS_NAME = "compute-workers.fanout.svc.cluster.local";
    private static final String FETCHER_NAME = "fetcher.fanout.svc.cluster.local";

    private static Path pki;
    private static ServiceProcess coordinator;
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
        fanoutCa.issue(pki.resolve("fanout-client-tls"), "fanout-client");
        new TestPki("intruder-ca").issue(pki.resolve("intruder-tls"), "intruder", WORKERS_NAME);
        Path hosts = Files.writeString(target.resolve("hosts"), String.join("\n",
                "127.0.0.1 localhost", WORKER_HOST + " " + WORKERS_NAME, FETCHER_HOST + " fetcher-peers.fanout.svc.cluster.local", ""));
        List<String> clusterDns = List.of("-Djdk.net.hosts.file=" + hosts);

        // The worker first (the coordinator connects to it as it starts); the fetcher alongside.
        worker = ServiceProcess.launch("compute-service", WORKER_HOST, 8081, podEnvironment("compute-worker"), List.of(),
                target.resolve("worker.log"));
        fetcher = ServiceProcess.launch("fetcher-service", FETCHER_HOST, 8082, podEnvironment("fetcher"), clusterDns,
                target.resolve("fetcher.log"));
        worker.awaitStarted();
        coordinator = ServiceProcess.start("compute-service", COORDINATOR_HOST, 8081, podEnvironment("compute-coordinator"), clusterDns,
                target.resolve("coordinator.log"));
        fetcher.awaitStarted();
    }

    /**
     * The environment the local-tls overlay gives a Deployment's container, with the properties file
     * QUARKUS_CONFIG_LOCATIONS names written out and pointed at this test's certificate files.
     */
    private static Map<String, String> podEnvironment(String deployment) throws IOException {
        Rendered rendered = Rendered.overlay("local-tls");
        Map<String, String> environment = new HashMap<>(rendered.environment(rendered.deployment(deployment)));
        String fileName = Path.of(environment.get("QUARKUS_CONFIG_LOCATIONS")).getFileName().toString();
        ConfigMap tlsConfig = rendered.all(ConfigMap.class).stream()
                .filter(map -> map.getData().containsKey(fileName)).findFirst().orElseThrow();
        Path secretDir = pki.resolve(deployment + "-tls");
        Path properties = Files.writeString(pki.resolve(fileName), tlsConfig.getData().get(fileName).replace("/etc/fanout/tls/", secretDir + "/"));
        environment.put("QUARKUS_CONFIG_LOCATIONS", properties.toString());
        return environment;
    }

    @AfterAll
    static void stop() {
        if (coordinator != null) {
            coordinator.close();
        }
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
    void theCoordinatorFansOutToItsWorkersOverMutualTls() throws IOException {
        // The caller presents a client certificate too: compute-service requires one on its TLS port.
        ManagedChannel channel = Grpc.newChannelBuilderForAddress(COORDINATOR_HOST, 8443, tls("compute-coordinator-tls", "fanout-client-tls"))
                .overrideAuthority("compute.fanout.svc.cluster.local").build();
        try {
            List<String> responses = new ReflectionProbe(channel).call("fanout.v1.Compute/SumOfSquares",
                    "{\"start\": 0, \"end\": 100000000, \"mode\": \"COMPUTE_MODE_PODS\"}");
            assertTrue(responses.getFirst().contains("\"sum\":\"333333328333333350000000\""), responses + "\n" + coordinator.logText());
        } finally {
            channel.shutdownNow();
        }
    }

    @Test
    void theFanoutCliCallsTheCoordinatorWithItsClientCertificate() throws Exception {
        Path client = pki.resolve("fanout-client-tls");
        List<String> call = List.of("compute", "--compute", COORDINATOR_HOST + ":8443", "--mode", "pods", "--end", "100000000",
                "--json", "--tls-ca", pki.resolve("compute-coordinator-tls/ca.crt").toString(),
                "--tls-authority", "compute.fanout.svc.cluster.local");
        List<String> withCertificate = new ArrayList<>(call);
        withCertificate.addAll(List.of("--tls-cert", client.resolve("tls.crt").toString(), "--tls-key", client.resolve("tls.key").toString()));

        CliRun answered = CliRun.of(withCertificate);
        assertEquals(0, answered.exitCode(), answered.output());
        assertTrue(answered.output().contains("\"sum\":\"333333328333333350000000\""), answered.output());

        CliRun refused = CliRun.of(call); // the coordinator's TLS port requires a client certificate
        assertEquals(3, refused.exitCode(), refused.output());
        assertTrue(refused.output().contains("compute service at " + COORDINATOR_HOST + ":8443 is unavailable"), refused.output());
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
