package dev.fanout.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The README's main job exactly as written, {@code bin/fanout-local-topology}, on a machine whose
 * default java is 17: it finds the JDK 21+ itself, starts the topology, benches every mode, stops
 * everything, and prints what the README's sample shows, in shape (sections, columns, mode rows, the
 * ideal and client-overhead lines); the numbers are this machine's.
 */
class MainJobIT {

    private static final Path RUN_DIR = Kustomize.DEPLOY.resolve("target/main-job-it");

    @Test
    void runsAsWrittenAndPrintsWhatTheReadmeShows() throws IOException, InterruptedException {
        Files.createDirectories(RUN_DIR);
        Path output = RUN_DIR.resolve("main-job.out");
        ProcessBuilder mainJob = OlderDefaultJava.withNewerJdkInstalled(OlderDefaultJava.newDirectory())
                .applyTo(new ProcessBuilder("bin/fanout-local-topology"))
                .directory(Readme.ROOT.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(output.toFile())
                .redirectError(RUN_DIR.resolve("main-job.err").toFile());
        mainJob.environment().put("FANOUT_TOPOLOGY_DIR", RUN_DIR.resolve("topology").toString());
        mainJob.environment().put("FANOUT_APPS", ServiceProcess.APPS.toString());
        Process process = mainJob.start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroy();
            process.waitFor(1, TimeUnit.MINUTES);
            throw new AssertionError("the main job still running after 10 min:\n" + Files.readString(output));
        }
        String printed = Files.readString(output);
        assertEquals(0, process.exitValue(), printed + Files.readString(RUN_DIR.resolve("main-job.err")));
        for (String service : LocalTopology.SERVICES) {
            long pid = Long.parseLong(Files.readString(RUN_DIR.resolve("topology").resolve(service + ".pid")).strip());
            assertTrue(ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true), service + " was stopped");
        }
        String sample = Readme.blockAfter("What the main job prints");
        assertEquals(shape(sample), shape(printed), "README.md's sample of the main job:\n" + sample + "\nthe real output:\n" + printed);
    }

    /**
     * What must match between two runs, numbers aside: the topology's banner, each section's name,
     * its ideal line, its columns and its mode rows, and the client-overhead line's wording (not the
     * warnings bench adds after a table whose runs varied: whether a run is noisy is not its shape).
     */
    static List<String> shape(String output) {
        List<String> shape = new ArrayList<>();
        boolean inTable = false;
        for (String line : output.lines().toList()) {
            if (line.isBlank()) {
                inTable = false;
            } else if (line.startsWith("warning: ")) {
                continue; // said only when a run is noisy: not part of the shape
            } else if (inTable) {
                shape.add("row " + line.split("\\s+")[0]);
            } else if (line.startsWith("MODE ")) {
                inTable = true;
                shape.add("columns " + List.of(line.strip().split("\\s{2,}")));
            } else if (line.matches("[a-z]+: .*")) {
                shape.add("section " + line.substring(0, line.indexOf(':')));
            } else if (line.startsWith("ideal = ")) {
                shape.add(line);
            } else if (line.startsWith("client overhead")) {
                shape.add(line.substring(0, line.indexOf(':')));
            } else if (line.startsWith("Fanout topology up")) {
                shape.add("banner");
            }
        }
        return shape;
    }
}
