package dev.fanout.runtime;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.protobuf.ProtoFileDescriptorSupplier;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The fanout.v1 descriptors as protoc wrote them with {@code --include_source_info}: unlike the
 * descriptors embedded in generated code, these keep every comment, so reflection clients (grpcurl
 * {@code describe}) can show them.
 */
public final class DocumentedDescriptors {

    /** Written by the protobuf-maven-plugin at build time (see proto/pom.xml). */
    static final String RESOURCE = "/fanout/v1/fanout-v1.binpb";

    private static final Map<String, FileDescriptor> FILES = load();

    private DocumentedDescriptors() {
    }

    /** The documented descriptor of a .proto file of the contract, by its path (fanout/v1/compute.proto). */
    public static Optional<FileDescriptor> file(String name) {
        return Optional.ofNullable(FILES.get(name));
    }

    /**
     * The same service definition, with its schema swapped for the documented descriptor where the
     * contract has one. Handlers are untouched: this only changes what reflection sees.
     */
    public static ServerServiceDefinition documented(ServerServiceDefinition definition) {
        ServiceDescriptor service = definition.getServiceDescriptor();
        if (!(service.getSchemaDescriptor() instanceof ProtoFileDescriptorSupplier generated)) {
            return definition;
        }
        return file(generated.getFileDescriptor().getName())
                .map(documentedFile -> withSchema(definition, documentedFile))
                .orElse(definition);
    }

    private static ServerServiceDefinition withSchema(ServerServiceDefinition definition, FileDescriptor file) {
        ServiceDescriptor service = definition.getServiceDescriptor();
        ServiceDescriptor.Builder descriptor = ServiceDescriptor.newBuilder(service.getName())
                .setSchemaDescriptor((ProtoFileDescriptorSupplier) () -> file);
        service.getMethods().forEach(descriptor::addMethod);
        ServerServiceDefinition.Builder rebuilt = ServerServiceDefinition.builder(descriptor.build());
        definition.getMethods().forEach(rebuilt::addMethod);
        return rebuilt.build();
    }

    private static Map<String, FileDescriptor> load() {
        try (InputStream in = DocumentedDescriptors.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath: build the proto module");
            }
            Map<String, FileDescriptor> built = new LinkedHashMap<>();
            // protoc --include_imports lists every file after the files it imports.
            for (FileDescriptorProto proto : FileDescriptorSet.parseFrom(in).getFileList()) {
                FileDescriptor[] dependencies = proto.getDependencyList().stream()
                        .map(built::get)
                        .toArray(FileDescriptor[]::new);
                built.put(proto.getName(), FileDescriptor.buildFrom(proto, dependencies));
            }
            return Map.copyOf(built);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        } catch (DescriptorValidationException e) {
            throw new IllegalStateException("invalid descriptor set " + RESOURCE, e);
        }
    }
}
