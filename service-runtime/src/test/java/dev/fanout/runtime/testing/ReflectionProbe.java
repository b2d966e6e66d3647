package dev.fanout.runtime.testing;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.SourceCodeInfo.Location;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.GenericDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.MethodDescriptor.MethodType;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A gRPC client that knows nothing of the services but the reflection API, as grpcurl does: it
 * lists services, fetches their descriptors, reads their comments, and calls methods with JSON.
 * Tests use it to prove what a grpcurl user sees.
 */
public final class ReflectionProbe {

    /** Field numbers of descriptor.proto, the path elements of source-code locations. */
    private static final int FILE_SERVICE = 6;
    private static final int SERVICE_METHOD = 2;

    private final Channel channel;
    private final Map<String, FileDescriptorProto> protos = new HashMap<>();
    private final Map<String, FileDescriptor> built = new HashMap<>();

    public ReflectionProbe(Channel channel) {
        this.channel = channel;
    }

    /** grpcurl list. */
    public List<String> listServices() {
        ServerReflectionResponse response = ask(ServerReflectionRequest.newBuilder().setListServices("").build());
        return response.getListServicesResponse().getServiceList().stream().map(ServiceResponse::getName).toList();
    }

    /** The leading comment of a service, as grpcurl describe prints it. */
    public String serviceComment(String service) {
        ServiceDescriptor descriptor = findService(service);
        return leadingComment(descriptor.getFile(), List.of(FILE_SERVICE, descriptor.getIndex()));
    }

    /** The leading comment of a method (package.Service/Method). */
    public String methodComment(String fullMethod) {
        MethodDescriptor method = findMethod(fullMethod);
        return leadingComment(method.getFile(),
                List.of(FILE_SERVICE, method.getService().getIndex(), SERVICE_METHOD, method.getIndex()));
    }

    private String leadingComment(FileDescriptor file, List<Integer> path) {
        return protos.get(file.getName()).getSourceCodeInfo().getLocationList().stream()
                .filter(location -> location.getPathList().equals(path))
                .map(Location::getLeadingComments)
                .findFirst()
                .orElse("");
    }

    public ServiceDescriptor findService(String service) {
        ServiceDescriptor descriptor = fileContaining(service).findServiceByName(simpleName(service));
        if (descriptor == null) {
            throw new IllegalArgumentException("no service " + service);
        }
        return descriptor;
    }

    /** grpcurl describe SYMBOL, for a service, message or enum: its descriptor, from the server's reflection alone. */
    public GenericDescriptor describe(String symbol) {
        FileDescriptor file = fileContaining(symbol);
        String name = simpleName(symbol);
        GenericDescriptor found = file.findServiceByName(name);
        if (found == null) {
            found = file.findMessageTypeByName(name);
        }
        if (found == null) {
            found = file.findEnumTypeByName(name);
        }
        if (found == null || !found.getFullName().equals(symbol)) {
            throw new IllegalArgumentException("no service, message or enum " + symbol);
        }
        return found;
    }

    /** grpcurl -d JSON ADDRESS service/method, for unary and server-streaming methods: the responses as JSON. */
    public List<String> call(String fullMethod, String requestJson) throws InvalidProtocolBufferException {
        MethodDescriptor method = findMethod(fullMethod);
        DynamicMessage.Builder request = DynamicMessage.newBuilder(method.getInputType());
        JsonFormat.parser().merge(requestJson, request);
        io.grpc.MethodDescriptor<DynamicMessage, DynamicMessage> grpcMethod = io.grpc.MethodDescriptor
                .<DynamicMessage, DynamicMessage>newBuilder()
                .setType(method.isServerStreaming() ? MethodType.SERVER_STREAMING : MethodType.UNARY)
                .setFullMethodName(fullMethod)
                .setRequestMarshaller(ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(method.getInputType())))
                .setResponseMarshaller(ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(method.getOutputType())))
                .build();
        CallOptions options = CallOptions.DEFAULT.withDeadlineAfter(60, TimeUnit.SECONDS);
        JsonFormat.Printer printer = JsonFormat.printer().omittingInsignificantWhitespace();
        List<String> responses = new ArrayList<>();
        if (method.isServerStreaming()) {
            Iterator<DynamicMessage> stream = ClientCalls.blockingServerStreamingCall(
                    channel, grpcMethod, options, request.build());
            while (stream.hasNext()) {
                responses.add(printer.print(stream.next()));
            }
        } else {
            responses.add(printer.print(ClientCalls.blockingUnaryCall(channel, grpcMethod, options, request.build())));
        }
        return responses;
    }

    private MethodDescriptor findMethod(String fullMethod) {
        int slash = fullMethod.indexOf('/');
        MethodDescriptor method = findService(fullMethod.substring(0, slash)).findMethodByName(fullMethod.substring(slash + 1));
        if (method == null) {
            throw new IllegalArgumentException("no method " + fullMethod);
        }
        return method;
    }

    private FileDescriptor fileContaining(String symbol) {
        ServerReflectionResponse response = ask(ServerReflectionRequest.newBuilder()
                .setFileContainingSymbol(symbol).build());
        if (response.hasErrorResponse()) {
            throw new IllegalArgumentException(symbol + ": " + response.getErrorResponse().getErrorMessage());
        }
        FileDescriptorProto first = null;
        for (var bytes : response.getFileDescriptorResponse().getFileDescriptorProtoList()) {
            try {
                FileDescriptorProto proto = FileDescriptorProto.parseFrom(bytes);
                protos.putIfAbsent(proto.getName(), proto);
                first = first == null ? proto : first;
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalStateException("server sent an unreadable descriptor for " + symbol, e);
            }
        }
        if (first == null) {
            throw new IllegalStateException("server sent no descriptor for " + symbol);
        }
        return build(first.getName());
    }

    private FileDescriptor build(String name) {
        FileDescriptor done = built.get(name);
        if (done != null) {
            return done;
        }
        FileDescriptorProto proto = protos.get(name);
        if (proto == null) {
            proto = ask(ServerReflectionRequest.newBuilder().setFileByFilename(name).build())
                    .getFileDescriptorResponse().getFileDescriptorProtoList().stream()
                    .map(ReflectionProbe::parse)
                    .filter(candidate -> candidate.getName().equals(name))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("server has no file " + name));
            protos.put(name, proto);
        }
        FileDescriptor[] dependencies = proto.getDependencyList().stream().map(this::build).toArray(FileDescriptor[]::new);
        try {
            FileDescriptor file = FileDescriptor.buildFrom(proto, dependencies);
            built.put(name, file);
            return file;
        } catch (DescriptorValidationException e) {
            throw new IllegalStateException("server sent an invalid descriptor for " + name, e);
        }
    }

    private ServerReflectionResponse ask(ServerReflectionRequest request) {
        CompletableFuture<ServerReflectionResponse> answer = new CompletableFuture<>();
        StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(channel)
                .withDeadlineAfter(30, TimeUnit.SECONDS)
                .serverReflectionInfo(new StreamObserver<>() {
                    @Override
                    public void onNext(ServerReflectionResponse value) {
                        answer.complete(value);
                    }

                    @Override
                    public void onError(Throwable t) {
                        answer.completeExceptionally(t);
                    }

                    @Override
                    public void onCompleted() {
                        answer.completeExceptionally(new IllegalStateException("reflection stream ended without answer"));
                    }
                });
        requests.onNext(request);
        requests.onCompleted();
        return answer.join();
    }

    private static FileDescriptorProto parse(com.google.protobuf.ByteString bytes) {
        try {
            return FileDescriptorProto.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("server sent an unreadable descriptor", e);
        }
    }

    private static String simpleName(String fullName) {
        return fullName.substring(fullName.lastIndexOf('.') + 1);
    }
}
