package dev.fanout.deploy;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import dev.fanout.runtime.testing.ReflectionProbe;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.MethodDescriptor.MethodType;
import io.grpc.Status;
import io.grpc.protobuf.ProtoUtils;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * fanout.v1's two methods as a client without generated stubs calls them: messages built and read by
 * field name from the descriptors the server's reflection serves, and every answer checked exactly
 * (a sum against the closed form, a download batch URL by URL).
 */
final class FanoutApi {

    /** A call in flight: {@link #cancel()} ends it from the client; {@link #outcome()} completes when it closes. */
    record Call(ClientCall<DynamicMessage, DynamicMessage> call, CompletableFuture<Outcome> outcome, long startedNanos) {
        void cancel() {
            call.cancel("the user cancels", null);
        }
    }

    /** How a call closed and the messages it got before. */
    record Outcome(Status status, List<DynamicMessage> messages, long nanos) {
    }

    /** A request and how to tell whether its answer is exactly right. */
    record Job(String label, MethodDescriptor<DynamicMessage, DynamicMessage> method, DynamicMessage request, Check check) {
    }

    interface Check {
        /** Null when the answer is exactly right, else what is wrong with it. */
        String wrong(List<DynamicMessage> messages);
    }

    private final Descriptor sumRequest;
    private final Descriptor fetchRequest;
    private final MethodDescriptor<DynamicMessage, DynamicMessage> sumOfSquares;
    private final MethodDescriptor<DynamicMessage, DynamicMessage> fetch;

    /** The descriptors, asked once of each service's reflection. */
    FanoutApi(ReflectionProbe compute, ReflectionProbe fetcher) {
        sumRequest = (Descriptor) compute.describe("fanout.v1.SumOfSquaresRequest");
        fetchRequest = (Descriptor) fetcher.describe("fanout.v1.FetchRequest");
        sumOfSquares = method("fanout.v1.Compute/SumOfSquares", MethodType.UNARY, sumRequest,
                (Descriptor) compute.describe("fanout.v1.SumOfSquaresResponse"));
        fetch = method("fanout.v1.Fetcher/Fetch", MethodType.SERVER_STREAMING, fetchRequest,
                (Descriptor) fetcher.describe("fanout.v1.FetchEvent"));
    }

    private static MethodDescriptor<DynamicMessage, DynamicMessage> method(String name, MethodType type, Descriptor in, Descriptor out) {
        return MethodDescriptor.<DynamicMessage, DynamicMessage>newBuilder().setType(type).setFullMethodName(name)
                .setRequestMarshaller(ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(in)))
                .setResponseMarshaller(ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(out)))
                .build();
    }

    /** Sum of squares over [start, end) in {@code mode} (SINGLE, CORES, PODS), checked against the closed form. */
    Job sumOfSquares(String mode, long start, long end) {
        DynamicMessage request = DynamicMessage.newBuilder(sumRequest)
                .setField(sumRequest.findFieldByName("start"), start)
                .setField(sumRequest.findFieldByName("end"), end)
                .setField(sumRequest.findFieldByName("mode"), enumValue(sumRequest, "mode", "COMPUTE_MODE_" + mode))
                .build();
        BigInteger expected = squaresBelow(end).subtract(squaresBelow(start));
        return new Job("compute " + mode, sumOfSquares, request, messages -> {
            if (messages.size() != 1) {
                return messages.size() + " responses";
            }
            String sum = (String) field(messages.getFirst(), "sum");
            return sum.equals(expected.toString()) ? null : "[" + start + ", " + end + "): sum " + sum + ", expected " + expected;
        });
    }

    /** 0² + 1² + ... + (n-1)² = (n-1)n(2n-1)/6. */
    static BigInteger squaresBelow(long n) {
        BigInteger big = BigInteger.valueOf(n);
        return big.subtract(BigInteger.ONE).multiply(big).multiply(big.shiftLeft(1).subtract(BigInteger.ONE)).divide(BigInteger.valueOf(6));
    }

    /**
     * Downloads of {@code urls} in {@code mode}, checked URL by URL: each reported once, 200 without
     * error, its byte count; then one summary whose counts add up (nothing missing, nothing failed).
     */
    Job fetch(String mode, List<String> urls, List<Long> sizes, int concurrency) {
        DynamicMessage.Builder request = DynamicMessage.newBuilder(fetchRequest)
                .setField(fetchRequest.findFieldByName("mode"), enumValue(fetchRequest, "mode", "FETCH_MODE_" + mode))
                .setField(fetchRequest.findFieldByName("concurrency"), concurrency);
        urls.forEach(url -> request.addRepeatedField(fetchRequest.findFieldByName("urls"), url));
        long total = sizes.stream().mapToLong(Long::longValue).sum();
        return new Job("fetch " + mode, fetch, request.build(), messages -> {
            boolean[] seen = new boolean[urls.size()];
            DynamicMessage summary = null;
            for (DynamicMessage event : messages) {
                if (summary != null) {
                    return "an event after the summary";
                }
                if (has(event, "summary")) {
                    summary = (DynamicMessage) field(event, "summary");
                    continue;
                }
                DynamicMessage result = (DynamicMessage) field(event, "result");
                int index = (Integer) field(result, "index");
                if (index < 0 || index >= seen.length || seen[index]) {
                    return "result index " + index + " out of range or repeated";
                }
                seen[index] = true;
                String wrong = wrongResult(result, urls.get(index), sizes.get(index));
                if (wrong != null) {
                    return wrong;
                }
            }
            for (int i = 0; i < seen.length; i++) {
                if (!seen[i]) {
                    return "no result for " + urls.get(i);
                }
            }
            if (summary == null) {
                return "no summary";
            }
            long ok = (Integer) field(summary, "ok");
            long failed = (Integer) field(summary, "failed");
            long bytes = (Long) field(summary, "bytes");
            return ok == urls.size() && failed == 0 && bytes == total ? null
                    : "summary ok " + ok + " failed " + failed + " bytes " + bytes + ", expected " + urls.size() + " ok, " + total + " bytes";
        });
    }

    private static String wrongResult(DynamicMessage result, String url, long size) {
        String error = ((EnumValueDescriptor) field(result, "error")).getName();
        if (!error.equals("FETCH_ERROR_UNSPECIFIED")) {
            return url + ": " + error + " " + field(result, "error_message");
        }
        if (!Objects.equals(field(result, "url"), url) || (Integer) field(result, "status") != 200 || (Long) field(result, "bytes") != size) {
            return url + ": url " + field(result, "url") + ", status " + field(result, "status") + ", " + field(result, "bytes")
                    + " bytes, expected 200 and " + size;
        }
        return null;
    }

    /** Starts {@code job} on {@code channel} with a deadline, as any gRPC client does. */
    static Call start(Channel channel, Job job, Duration deadline) {
        ClientCall<DynamicMessage, DynamicMessage> call = channel.newCall(job.method(),
                CallOptions.DEFAULT.withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS));
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        long started = System.nanoTime();
        List<DynamicMessage> messages = new ArrayList<>();
        call.start(new ClientCall.Listener<>() {
            @Override
            public void onMessage(DynamicMessage message) {
                messages.add(message);
            }

            @Override
            public void onClose(Status status, Metadata trailers) {
                outcome.complete(new Outcome(status, List.copyOf(messages), System.nanoTime() - started));
            }
        }, new Metadata());
        call.request(Integer.MAX_VALUE);
        call.sendMessage(job.request());
        call.halfClose();
        return new Call(call, outcome, started);
    }

    private static Object enumValue(Descriptor message, String field, String value) {
        return message.findFieldByName(field).getEnumType().findValueByName(value);
    }

    private static boolean has(DynamicMessage message, String field) {
        return message.hasField(message.getDescriptorForType().findFieldByName(field));
    }

    private static Object field(DynamicMessage message, String name) {
        FieldDescriptor field = message.getDescriptorForType().findFieldByName(name);
        return message.getField(field);
    }
}
