package dev.fanout.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.DescriptorProtos.SourceCodeInfo.Location;
import com.google.protobuf.Descriptors.FileDescriptor;
import io.grpc.MethodDescriptor;
import io.grpc.MethodDescriptor.MethodType;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.protobuf.ProtoFileDescriptorSupplier;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ServerCalls;
import java.util.List;
import org.junit.jupiter.api.Test;

class DocumentedDescriptorsTest {

    @Test
    void keepsTheCommentsThatGeneratedDescriptorsDrop() {
        FileDescriptor documented = DocumentedDescriptors.file("fanout/v1/compute.proto").orElseThrow();

        assertTrue(leadingComment(documented, List.of(6, 0)).contains("Compute sums the squares"));
        assertTrue(leadingComment(documented, List.of(6, 0, 2, 0)).contains("exact sum of i*i"));
    }

    @Test
    void swapsTheSchemaOfContractServicesAndKeepsTheirMethods() throws Exception {
        ServerServiceDefinition generated = generatedStyleComputeService();

        ServerServiceDefinition documented = DocumentedDescriptors.documented(generated);

        var schema = (ProtoFileDescriptorSupplier) documented.getServiceDescriptor().getSchemaDescriptor();
        assertSame(DocumentedDescriptors.file("fanout/v1/compute.proto").orElseThrow(), schema.getFileDescriptor());
        assertEquals(generated.getMethods().size(), documented.getMethods().size());
        assertEquals(generated.getServiceDescriptor().getName(), documented.getServiceDescriptor().getName());
    }

    @Test
    void leavesServicesOutsideTheContractAlone() {
        ServerServiceDefinition health = new grpc.health.v1.HealthGrpc.HealthImplBase() { }.bindService();

        assertSame(health, DocumentedDescriptors.documented(health));
    }

    /** What generated code binds: the same file, without its source info. */
    private static ServerServiceDefinition generatedStyleComputeService() throws Exception {
        FileDescriptor documented = DocumentedDescriptors.file("fanout/v1/compute.proto").orElseThrow();
        FileDescriptor stripped = FileDescriptor.buildFrom(
                documented.toProto().toBuilder().clearSourceCodeInfo().build(),
                documented.getDependencies().toArray(FileDescriptor[]::new));
        var empty = com.google.protobuf.Empty.getDefaultInstance();
        MethodDescriptor<com.google.protobuf.Empty, com.google.protobuf.Empty> method = MethodDescriptor
                .<com.google.protobuf.Empty, com.google.protobuf.Empty>newBuilder()
                .setType(MethodType.UNARY)
                .setFullMethodName("fanout.v1.Compute/SumOfSquares")
                .setRequestMarshaller(ProtoUtils.marshaller(empty))
                .setResponseMarshaller(ProtoUtils.marshaller(empty))
                .build();
        ServiceDescriptor service = ServiceDescriptor.newBuilder("fanout.v1.Compute")
                .setSchemaDescriptor((ProtoFileDescriptorSupplier) () -> stripped)
                .addMethod(method)
                .build();
        return ServerServiceDefinition.builder(service)
                .addMethod(method, ServerCalls.asyncUnaryCall((request, response) -> response.onCompleted()))
                .build();
    }

    private static String leadingComment(FileDescriptor file, List<Integer> path) {
        return file.toProto().getSourceCodeInfo().getLocationList().stream()
                .filter(location -> location.getPathList().equals(path))
                .map(Location::getLeadingComments)
                .findFirst()
                .orElse("");
    }
}
