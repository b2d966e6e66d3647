package dev.fanout.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * A machine of the README's kind, for the front-door scripts run as processes: no JAVA_HOME, and the
 * PATH's java and javac those of a JDK 17. That JDK is a stand-in (a release file and launchers that
 * fail loudly), so a script that runs the default java instead of finding a JDK 21+ cannot pass by
 * accident. The JDKs installed beside it are {@code FANOUT_JDK_ROOT} (bin/java-env's search root):
 * either a directory holding the JDK this test runs on, or an empty one.
 */
final class OlderDefaultJava {

    /** The system directories a fresh shell has on its PATH: curl, kubectl, sed, find... */
    private static final String SYSTEM_PATH = "/usr/local/bin:/usr/bin:/bin";

    private final Path oldJdk;
    private final Path jdkRoot;

    private OlderDefaultJava(Path oldJdk, Path jdkRoot) {
        this.oldJdk = oldJdk;
        this.jdkRoot = jdkRoot;
    }

    /**
     * A fresh directory for one machine under target/ (not a JUnit temp dir: that warns on deleting the
     * link to the JDK).
     */
    static Path newDirectory() {
        try {
            return Files.createTempDirectory(Files.createDirectories(Kustomize.DEPLOY.resolve("target/machines")), "machine");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** JDK 17 on the PATH, and the JDK running this test (21+) installed under the search root. */
    static OlderDefaultJava withNewerJdkInstalled(Path dir) {
        OlderDefaultJava machine = withNoNewerJdk(dir);
        try {
            Files.createSymbolicLink(machine.jdkRoot.resolve("jdk-" + Runtime.version().feature()), Path.of(System.getProperty("java.home")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return machine;
    }

    /** JDK 17 on the PATH, and nothing newer installed. */
    static OlderDefaultJava withNoNewerJdk(Path dir) {
        try {
            Path oldJdk = Files.createDirectories(dir.resolve("default-jdk-17"));
            Files.writeString(oldJdk.resolve("release"), "JAVA_VERSION=\"17.0.15\"\n");
            Path bin = Files.createDirectories(oldJdk.resolve("bin"));
            for (String tool : new String[] {"java", "javac"}) {
                Path launcher = bin.resolve(tool);
                Files.writeString(launcher, "#!/bin/sh\necho \"the default $0 (17) ran: a JDK 21+ was not found\" >&2\nexit 99\n");
                Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            return new OlderDefaultJava(oldJdk, Files.createDirectories(dir.resolve("installed-jdks")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Puts this machine's Java setup into a process's environment. */
    ProcessBuilder applyTo(ProcessBuilder builder) {
        Map<String, String> environment = builder.environment();
        environment.remove("JAVA_HOME");
        environment.put("PATH", oldJdk.resolve("bin") + ":" + SYSTEM_PATH);
        environment.put("FANOUT_JDK_ROOT", jdkRoot.toString());
        return builder;
    }
}
