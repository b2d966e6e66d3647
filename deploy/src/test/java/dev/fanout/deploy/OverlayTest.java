package dev.fanout.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What each overlay adds to the base. */
class OverlayTest {

    @Test
    void localRunsOnePodEachFromLocallyBuiltImagesWithTheSimulatedOrigin() {
        Rendered local = Rendered.overlay("local");
        for (Deployment deployment : local.all(Deployment.class)) {
            Integer replicas = deployment.getSpec().getReplicas();
            assertTrue(replicas == null || replicas == 1, deployment.getMetadata().getName() + " replicas " + replicas);
            String image = Rendered.container(deployment).getImage();
            assertTrue(image.matches("fanout/(compute|fetcher)-service:local"), image);
            assertNull(Rendered.container(deployment).getImagePullPolicy(), "IfNotPresent (the default for a tag): kind-loaded images are used");
        }
        assertEquals("true", local.environment(local.deployment("fetcher")).get("FANOUT_FETCHER_ORIGIN_ENABLED"));
        assertTrue(local.all(HorizontalPodAutoscaler.class).isEmpty() && local.all(PodDisruptionBudget.class).isEmpty());
    }

    @Test
    void productionScalesTheWorkersOnCpuWithTheAutoscalerOwningTheirReplicaCount() {
        Rendered production = Rendered.overlay("production");
        HorizontalPodAutoscaler hpa = production.get(HorizontalPodAutoscaler.class, "compute-worker");
        assertEquals("Deployment", hpa.getSpec().getScaleTargetRef().getKind());
        assertEquals("compute-worker", production.deployment(hpa.getSpec().getScaleTargetRef().getName()).getMetadata().getName());
        assertTrue(hpa.getSpec().getMinReplicas() >= 2 && hpa.getSpec().getMaxReplicas() > hpa.getSpec().getMinReplicas());
        var metric = hpa.getSpec().getMetrics().getFirst();
        assertEquals("cpu", metric.getResource().getName());
        assertEquals("Utilization", metric.getResource().getTarget().getType());
        assertNull(production.deployment("compute-worker").getSpec().getReplicas(), "a replica count would fight the autoscaler on every apply");
        assertTrue(production.deployment("compute-coordinator").getSpec().getReplicas() >= 2);
        assertTrue(production.deployment("fetcher").getSpec().getReplicas() >= 2);
    }

    @Test
    void productionBudgetsDisruptionsForEveryDeployment() {
        Rendered production = Rendered.overlay("production");
        List<PodDisruptionBudget> budgets = production.all(PodDisruptionBudget.class);
        for (Deployment deployment : production.all(Deployment.class)) {
            var podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
            List<PodDisruptionBudget> covering = budgets.stream()
                    .filter(b -> podLabels.entrySet().containsAll(b.getSpec().getSelector().getMatchLabels().entrySet()))
                    .toList();
            assertEquals(1, covering.size(), deployment.getMetadata().getName() + " is covered by one budget");
            assertEquals(1, covering.getFirst().getSpec().getMaxUnavailable().getIntVal());
        }
    }

    @Test
    void productionSpreadsEveryDeploymentOverZonesAndNodes() {
        Rendered production = Rendered.overlay("production");
        for (Deployment deployment : production.all(Deployment.class)) {
            var podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
            List<TopologySpreadConstraint> constraints = deployment.getSpec().getTemplate().getSpec().getTopologySpreadConstraints();
            assertEquals(List.of("topology.kubernetes.io/zone", "kubernetes.io/hostname"),
                    constraints.stream().map(TopologySpreadConstraint::getTopologyKey).toList());
            for (TopologySpreadConstraint constraint : constraints) {
                assertTrue(podLabels.entrySet().containsAll(constraint.getLabelSelector().getMatchLabels().entrySet()),
                        "the selector counts this Deployment's own pods");
                assertTrue(constraint.getMatchLabelKeys().containsAll(List.of("app.kubernetes.io/name", "app.kubernetes.io/component")),
                        "and only them");
                assertTrue(podLabels.keySet().containsAll(constraint.getMatchLabelKeys().stream()
                        .filter(key -> !key.equals("pod-template-hash")).toList()));
            }
        }
    }

    @Test
    void productionImagesComeFromARegistryWithAReleaseTag() {
        for (Deployment deployment : Rendered.overlay("production").all(Deployment.class)) {
            String image = Rendered.container(deployment).getImage();
            assertTrue(image.matches("[a-z0-9.-]+\\.[a-z]+/fanout/(compute|fetcher)-service:\\d+\\.\\d+\\.\\d+"), image);
        }
    }

    @Test
    void theNamespaceEnforcesTheRestrictedPodSecurityStandard() {
        for (var overlay : Kustomize.overlays()) {
            Namespace namespace = Rendered.overlay(overlay).get(Namespace.class, "fanout");
            assertEquals("restricted", namespace.getMetadata().getLabels().get("pod-security.kubernetes.io/enforce"));
        }
    }
}
