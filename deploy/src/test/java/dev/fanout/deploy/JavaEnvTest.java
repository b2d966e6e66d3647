package dev.fanout.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The README's front doors on a machine whose default java is 17 (no JAVA_HOME): ./mvnw, the main
 * job and bin/fanout-service find a JDK 21+ installed beside it through bin/java-env, and with none
 * each says in one line what to install.
 */
class JavaEnvTest {

    private final Path dir = OlderDefaultJava.newDirectory();

    private record Run(int exitCode, String output) {
    }

    private static Run run(OlderDefaultJava machine, String... command) throws IOException, InterruptedException {
        Process process = machine.applyTo(new ProcessBuilder(command)).directory(Readme.ROOT.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), List.of(command) + " ends");
        return new Run(process.exitValue(), output);
    }

    @Test
    void theMavenWrapperRunsMavenOnTheNewerJdk() throws IOException, InterruptedException {
        Run run = run(OlderDefaultJava.withNewerJdkInstalled(dir), "./mvnw", "--version");
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("Java version: " + Runtime.version().feature() + "."), run.output());
    }

    @ParameterizedTest
    @ValueSource(strings = {"./mvnw --version", "bin/fanout-local-topology", "bin/fanout-service compute"})
    void withNoJdk21InstalledSaysWhatToInstallInOneLine(String command) throws IOException, InterruptedException {
        Run run = run(OlderDefaultJava.withNoNewerJdk(dir), command.split(" "));
        assertEquals(2, run.exitCode(), run.output());
        List<String> lines = run.output().lines().toList();
        assertEquals(1, lines.size(), run.output());
        assertTrue(lines.getFirst().startsWith("fanout: needs a JDK 21 or newer") && lines.getFirst().contains("install one (e.g. Temurin 25"),
                run.output());
    }
}
