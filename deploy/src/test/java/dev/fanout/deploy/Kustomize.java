package dev.fanout.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Renders kustomizations the way users apply them: {@code kubectl kustomize DIR} (kustomize is built
 * into kubectl, and renders offline). Paths are relative to the deploy module.
 */
final class Kustomize {

    /** The deploy module directory: surefire's working directory. */
    static final Path DEPLOY = Path.of("").toAbsolutePath();

    private static final long RENDER_TIMEOUT_SECONDS = 60;

    private Kustomize() {
    }

    /** Every directory under overlays/ that holds a kustomization. */
    static List<Path> overlays() {
        try (Stream<Path> dirs = Files.list(DEPLOY.resolve("overlays"))) {
            return dirs.filter(dir -> Files.isRegularFile(dir.resolve("kustomization.yaml"))).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + DEPLOY.resolve("overlays"), e);
        }
    }

    static Path overlay(String name) {
        return DEPLOY.resolve("overlays").resolve(name);
    }

    /** The multi-document YAML that {@code kubectl apply -k dir} would send. */
    static String render(Path dir) {
        Path out = null;
        try {
            out = Files.createTempFile("kustomize", ".yaml");
            Path err = Files.createTempFile("kustomize", ".err");
            Process process;
            try {
                process = new ProcessBuilder("kubectl", "kustomize", dir.toString())
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile())
                        .start();
            } catch (IOException notFound) {
                throw new IllegalStateException("""
                        kubectl is needed to render the kustomize overlays (client 1.27 or newer; no \
                        cluster needed). Install it, e.g. `apt-get install kubectl` or \
                        https://kubernetes.io/docs/tasks/tools/, and put it on the PATH.""", notFound);
            }
            if (!process.waitFor(RENDER_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("kubectl kustomize " + dir + " did not finish in " + RENDER_TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("kubectl kustomize " + dir + " failed:\n" + Files.readString(err));
            }
            Files.delete(err);
            return Files.readString(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot render " + dir, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while rendering " + dir, e);
        } finally {
            if (out != null) {
                out.toFile().delete();
            }
        }
    }
}
