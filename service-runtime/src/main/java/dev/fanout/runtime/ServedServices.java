package dev.fanout.runtime;

import io.grpc.BindableService;
import io.grpc.ServerServiceDefinition;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * The gRPC services this application serves (its own, health and reflection), with the documented
 * descriptors of the fanout.v1 contract: what the reflection services describe.
 */
@Singleton
public class ServedServices {

    private final List<ServerServiceDefinition> definitions;

    @Inject
    public ServedServices(@Any Instance<BindableService> services) {
        // Resolved on first reflection call, when every service bean exists.
        this.definitions = services.stream()
                .map(BindableService::bindService)
                .map(DocumentedDescriptors::documented)
                .toList();
    }

    public List<ServerServiceDefinition> definitions() {
        return definitions;
    }
}
