package dev.fanout.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The images follow the Quarkus layout, run as non-root, and expose the port the service uses. */
class DockerfileTest {

    private static List<String> instructions(String module, String dockerfile) throws IOException {
        Path file = Kustomize.DEPLOY.resolveSibling(module).resolve("src/main/docker").resolve(dockerfile);
        return Files.readAllLines(file).stream().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
    }

    private static String last(List<String> instructions, String keyword) {
        return instructions.stream().filter(line -> line.startsWith(keyword + " ")).reduce((a, b) -> b)
                .map(line -> line.substring(keyword.length() + 1).strip())
                .orElseThrow(() -> new AssertionError("no " + keyword));
    }

    @ParameterizedTest
    @ValueSource(strings = {"compute-service", "fetcher-service"})
    void jvmImageRunsTheFastJarAsUser185OnUbi9OpenJdk(String module) throws IOException {
        List<String> jvm = instructions(module, "Dockerfile.jvm");
        assertTrue(last(jvm, "FROM").matches("registry\\.access\\.redhat\\.com/ubi9/openjdk-(21|25)-runtime:[0-9.]+"), last(jvm, "FROM"));
        for (String layer : List.of("lib/ /deployments/lib/", "*.jar /deployments/", "app/ /deployments/app/", "quarkus/ /deployments/quarkus/")) {
            assertTrue(jvm.contains("COPY --chown=185 target/quarkus-app/" + layer), "layer " + layer);
        }
        assertEquals("185", last(jvm, "USER"));
        assertEquals("JAVA_APP_JAR=\"/deployments/quarkus-run.jar\"", last(jvm, "ENV"));
        assertEquals(String.valueOf(ServiceConfig.of(module).httpPort()), last(jvm, "EXPOSE"));
        boolean vectorKernel = jvm.stream().anyMatch(line -> line.startsWith("ENV JAVA_OPTS_APPEND=") && line.contains("--add-modules=jdk.incubator.vector"));
        assertEquals(module.equals("compute-service"), vectorKernel, "the compute kernel's SIMD loop needs jdk.incubator.vector at run time");
        // PODS finds new and gone peer pods by resolving their name again; the ITs run with this TTL too.
        assertTrue(jvm.stream().anyMatch(line -> line.startsWith("ENV JAVA_OPTS_APPEND=") && line.contains(PodsTopology.DNS_TTL)),
                "the JVM keeps DNS answers " + PodsTopology.DNS_TTL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"compute-service", "fetcher-service"})
    void nativeImageRunsTheExecutableAsUser1001OnTheQuarkusMicroImage(String module) throws IOException {
        List<String> nativeImage = instructions(module, "Dockerfile.native");
        assertTrue(last(nativeImage, "FROM").startsWith("quay.io/quarkus/quarkus-micro-image:"), last(nativeImage, "FROM"));
        assertTrue(nativeImage.contains("COPY --chown=1001:root --chmod=0755 target/*-runner /work/application"));
        assertEquals("1001", last(nativeImage, "USER"));
        assertEquals(String.valueOf(ServiceConfig.of(module).httpPort()), last(nativeImage, "EXPOSE"));
    }
}
