package dev.fanout.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;

/** One overlay, rendered and validated: its objects, looked up by kind and name. */
record Rendered(String overlay, List<HasMetadata> objects) {

    private static final Map<Path, Rendered> CACHE = new ConcurrentHashMap<>();

    /** Rendered once per test run: objects are only read by the tests. */
    static Rendered overlay(Path dir) {
        return CACHE.computeIfAbsent(dir, d -> new Rendered(d.getFileName().toString(), ApiSchema.read(Kustomize.render(d))));
    }

    static Rendered overlay(String name) {
        return overlay(Kustomize.overlay(name));
    }

    <T extends HasMetadata> List<T> all(Class<T> kind) {
        return objects.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    <T extends HasMetadata> T get(Class<T> kind, String name) {
        return all(kind).stream()
                .filter(object -> object.getMetadata().getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new NoSuchElementException(overlay + " renders no " + kind.getSimpleName() + " " + name));
    }

    Deployment deployment(String name) {
        return get(Deployment.class, name);
    }

    static Container container(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().getFirst();
    }

    /** The number of a Deployment's container port, by name. */
    static int port(Deployment deployment, String name) {
        return container(deployment).getPorts().stream()
                .filter(port -> port.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new NoSuchElementException(deployment.getMetadata().getName() + " has no port " + name))
                .getContainerPort();
    }

    /** The environment a Deployment's container gets from its ConfigMaps (envFrom) and env entries. */
    Map<String, String> environment(Deployment deployment) {
        Container container = container(deployment);
        Map<String, String> env = new HashMap<>();
        container.getEnvFrom().forEach(source -> env.putAll(get(ConfigMap.class, source.getConfigMapRef().getName()).getData()));
        container.getEnv().forEach(variable -> env.put(variable.getName(), variable.getValue()));
        return env;
    }
}
