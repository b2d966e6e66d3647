package dev.fanout.deploy;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every Deployment of every overlay: probes, resources, least privilege, shutdown, scraping. */
class WorkloadTest {

    static Stream<Arguments> deployments() {
        return Kustomize.overlays().stream().flatMap(overlay -> {
            Rendered rendered = Rendered.overlay(overlay);
            List<Deployment> deployments = rendered.all(Deployment.class);
            assertEquals(3, deployments.size(), overlay + ": coordinator, workers, fetcher");
            return deployments.stream().map(d -> Arguments.of(overlay.getFileName() + "/" + d.getMetadata().getName(), rendered, d));
        });
    }

    static Stream<Arguments> fetchers() {
        return deployments().filter(arguments -> ((Deployment) arguments.get()[2]).getMetadata().getName().equals("fetcher"));
    }

    private static PodSpec pod(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void listensOnThePortItsServiceIsConfiguredFor(String name, Rendered rendered, Deployment deployment) {
        Container container = Rendered.container(deployment);
        assertEquals(ServiceConfig.forImage(container.getImage()).httpPort(), Rendered.port(deployment, "grpc"));
        assertEquals("grpc", container.getPorts().getFirst().getName());
        // The TLS overlays add grpc-tls (TlsOverlayTest); nothing else listens.
        assertTrue(container.getPorts().stream().allMatch(port -> port.getName().matches("grpc|grpc-tls")), container.getPorts().toString());
        assertTrue(pod(deployment).getContainers().size() == 1 && pod(deployment).getInitContainers().isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void probesAskGrpcHealthForTheServersOverallStatus(String name, Rendered rendered, Deployment deployment) {
        Container container = Rendered.container(deployment);
        int port = Rendered.port(deployment, "grpc"); // cleartext: kubelet gRPC probes cannot speak TLS
        for (Probe probe : new Probe[] {container.getStartupProbe(), container.getReadinessProbe(), container.getLivenessProbe()}) {
            assertNotNull(probe, "startup, readiness and liveness probes");
            assertNotNull(probe.getGrpc(), "a native gRPC probe (grpc.health.v1)");
            assertEquals(port, probe.getGrpc().getPort());
            // No service name: the overall status. quarkus-kubernetes's generated probe names the application, which answers UNKNOWN.
            assertTrue(probe.getGrpc().getService() == null || probe.getGrpc().getService().isEmpty());
        }
        Probe startup = container.getStartupProbe();
        assertTrue(startup.getPeriodSeconds() * startup.getFailureThreshold() >= 30, "at least 30 s to start");
        assertTrue(container.getLivenessProbe().getFailureThreshold() >= 3, "a single slow answer does not restart the pod");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void requestsAndLimitsCpuAndMemory(String name, Rendered rendered, Deployment deployment) {
        var resources = Rendered.container(deployment).getResources();
        for (String resource : List.of("cpu", "memory")) {
            Quantity request = resources.getRequests().get(resource);
            Quantity limit = resources.getLimits().get(resource);
            assertNotNull(request, resource + " request");
            assertNotNull(limit, resource + " limit");
            assertTrue(Quantity.getAmountInBytes(request).compareTo(Quantity.getAmountInBytes(limit)) <= 0, resource + " request <= limit");
        }
        assertEquals(resources.getRequests().get("memory"), resources.getLimits().get("memory"),
                "memory request = limit: the JVM sizes its heap from the limit, and the scheduler must reserve it");
    }

    /**
     * The fetcher's JVM (the image's run-java.sh reads JAVA_MAX_MEM_RATIO, the java launcher
     * JDK_JAVA_OPTIONS): its heap and off-heap buffers are bounded and leave at least 30% of the
     * memory limit to the rest of the process (metaspace, code, threads) and to spare.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("fetchers")
    void theFetchersHeapAndDirectMemoryLeaveThirtyPercentOfItsLimit(String name, Rendered rendered, Deployment deployment) {
        Map<String, String> env = rendered.environment(deployment);
        long limit = Quantity.getAmountInBytes(Rendered.container(deployment).getResources().getLimits().get("memory")).longValue();
        long heap = limit * Long.parseLong(env.get("JAVA_MAX_MEM_RATIO")) / 100;
        Matcher direct = Pattern.compile("-XX:MaxDirectMemorySize=(\\d+)m").matcher(env.getOrDefault("JDK_JAVA_OPTIONS", ""));
        assertTrue(direct.find(), "a bound on direct memory, which otherwise grows as large as the heap: " + env.get("JDK_JAVA_OPTIONS"));
        long offHeap = Long.parseLong(direct.group(1)) * 1024 * 1024;
        assertTrue(heap >= 256L * 1024 * 1024, "the heap the fetcher is benchmarked with (1 GiB bodies, 10 000 URLs): " + heap);
        assertTrue(heap + offHeap <= limit * 7 / 10, "heap " + heap + " + direct " + offHeap + " within 70% of " + limit);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void runsWithLeastPrivilege(String name, Rendered rendered, Deployment deployment) {
        PodSpec pod = pod(deployment);
        SecurityContext container = Rendered.container(deployment).getSecurityContext();
        assertAll(
                () -> assertEquals(Boolean.TRUE, pod.getSecurityContext().getRunAsNonRoot()),
                () -> assertEquals("RuntimeDefault", pod.getSecurityContext().getSeccompProfile().getType()),
                () -> assertEquals(Boolean.FALSE, pod.getAutomountServiceAccountToken()),
                () -> assertFalse(Boolean.TRUE.equals(pod.getHostNetwork()) || Boolean.TRUE.equals(pod.getHostPID())
                        || Boolean.TRUE.equals(pod.getHostIPC())),
                () -> assertEquals(Boolean.TRUE, container.getRunAsNonRoot()),
                () -> assertEquals(Boolean.TRUE, container.getReadOnlyRootFilesystem()),
                () -> assertEquals(Boolean.FALSE, container.getAllowPrivilegeEscalation()),
                () -> assertEquals(List.of("ALL"), container.getCapabilities().getDrop()),
                () -> assertTrue(container.getCapabilities().getAdd().isEmpty()),
                () -> assertFalse(Boolean.TRUE.equals(container.getPrivileged())),
                () -> assertEquals("RuntimeDefault", container.getSeccompProfile().getType()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void hasAWritableTmpOnItsReadOnlyRoot(String name, Rendered rendered, Deployment deployment) {
        var mount = Rendered.container(deployment).getVolumeMounts().stream()
                .filter(m -> m.getMountPath().equals("/tmp")).findFirst().orElseThrow(() -> new AssertionError("no /tmp mount"));
        Volume volume = pod(deployment).getVolumes().stream()
                .filter(v -> v.getName().equals(mount.getName())).findFirst().orElseThrow();
        assertNotNull(volume.getEmptyDir(), "/tmp is an emptyDir");
        assertFalse(Boolean.TRUE.equals(mount.getReadOnly()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void drainsInFlightCallsBeforeItIsKilled(String name, Rendered rendered, Deployment deployment) {
        Map<String, String> env = rendered.environment(deployment);
        Duration shutdown = Duration.parse("PT" + env.get("QUARKUS_SHUTDOWN_TIMEOUT").toUpperCase());
        long preStop = Rendered.container(deployment).getLifecycle().getPreStop().getSleep().getSeconds();
        assertTrue(shutdown.toSeconds() >= 10, "in-flight calls get time to finish: " + shutdown);
        assertTrue(preStop > 0, "the pod leaves the endpoints before Quarkus stops accepting calls");
        assertTrue(pod(deployment).getTerminationGracePeriodSeconds() > preStop + shutdown.toSeconds(),
                "grace period > preStop + QUARKUS_SHUTDOWN_TIMEOUT");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void prometheusScrapesQuarkusMetricsOnTheServicePort(String name, Rendered rendered, Deployment deployment) {
        Map<String, String> annotations = deployment.getSpec().getTemplate().getMetadata().getAnnotations();
        assertEquals("true", annotations.get("prometheus.io/scrape"));
        assertEquals("/q/metrics", annotations.get("prometheus.io/path"));
        assertEquals(String.valueOf(Rendered.port(deployment, "grpc")), annotations.get("prometheus.io/port"));
    }
}
