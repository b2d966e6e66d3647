package dev.fanout.compute.mode;

import dev.fanout.compute.kernel.KernelPath;
import dev.fanout.compute.ComputeConfig;
import dev.fanout.compute.ComputeMetrics;
import dev.fanout.compute.kernel.Range;
import dev.fanout.compute.request.ComputePlan;
import dev.fanout.runtime.calls.CallDeadlines;
import dev.fanout.v1.ComputeGrpc;
import dev.fanout.v1.ComputeMode;
import dev.fanout.v1.ComputePart;
import dev.fanout.v1.SumOfSquaresRequest;
import dev.fanout.v1.SumOfSquaresResponse;
import io.grpc.ClientCall;
import io.grpc.Grpc;
import io.grpc.Status;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * COMPUTE_MODE_PODS: this service coordinates. It splits the range, sends each part to a worker
 * (the public SumOfSquares RPC in CORES mode, so each worker uses all of its cores), and sends a
 * part whose worker failed or vanished to another worker. Cancelling cancels every worker call.
 */
@Singleton
public class PodsStrategy implements ComputeStrategy {

    /** Failures a different worker may not have; the part is exact wherever it is computed. */
    private static final Set<Status.Code> RETRYABLE = Set.of(Status.Code.UNAVAILABLE, Status.Code.CANCELLED,
            Status.Code.UNKNOWN, Status.Code.INTERNAL, Status.Code.ABORTED, Status.Code.RESOURCE_EXHAUSTED);

    private final WorkerChannel workers;
    private final ComputeMetrics metrics;
    private final int defaultParts;
    private final int maxAttempts;

    public PodsStrategy(WorkerChannel workers, ComputeMetrics metrics, ComputeConfig config) {
        this.workers = workers;
        this.metrics = metrics;
        this.defaultParts = config.pods().defaultParts();
        this.maxAttempts = config.pods().maxAttempts();
    }

    @Override
    public ComputeMode mode() {
        return ComputeMode.COMPUTE_MODE_PODS;
    }

    @Override
    public ComputeRun compute(ComputePlan plan) {
        List<Range> ranges = plan.range().split(plan.requestedParts() == 0 ? defaultParts : plan.requestedParts());
        return new ComputeRun(ranges.size(), Multi.createFrom().iterable(ranges)
                .onItem().transformToUni(part -> computeWithRetries(part, plan.deadline()))
                .merge(ranges.size()));
    }

    private Uni<ComputePart> computeWithRetries(Range range, Optional<Instant> deadline) {
        AtomicInteger attempts = new AtomicInteger();
        return Uni.createFrom().deferred(() -> {
                    attempts.incrementAndGet();
                    return callWorker(range, deadline);
                })
                .onFailure().invoke(failure -> metrics.workerFailure(Status.fromThrowable(failure).getCode(),
                        retryable(failure) && attempts.get() < maxAttempts))
                .onFailure(PodsStrategy::retryable).retry()
                .withBackOff(Duration.ofMillis(20), Duration.ofMillis(500)).atMost(maxAttempts - 1)
                .onFailure(PodsStrategy::retryable).transform(failure -> Status.UNAVAILABLE
                        .withDescription("part " + range + " failed on " + attempts.get() + " worker attempt(s); last: "
                                + Status.fromThrowable(failure))
                        .asRuntimeException())
                .map(answer -> answer.toPart(range, attempts.get()));
    }

    private static boolean retryable(Throwable failure) {
        return RETRYABLE.contains(Status.fromThrowable(failure).getCode());
    }

    /** One call to whichever worker round_robin picks; cancelling the Uni cancels the call. */
    private Uni<WorkerAnswer> callWorker(Range range, Optional<Instant> deadline) {
        SumOfSquaresRequest request = SumOfSquaresRequest.newBuilder()
                .setStart(range.start())
                .setEnd(range.end())
                .setMode(ComputeMode.COMPUTE_MODE_CORES)
                .build();
        return Uni.createFrom().emitter(emitter -> {
            ClientCall<SumOfSquaresRequest, SumOfSquaresResponse> call = workers.get()
                    .newCall(ComputeGrpc.getSumOfSquaresMethod(), CallDeadlines.options(deadline));
            emitter.onTermination(() -> call.cancel("the coordinator no longer needs this part", null));
            ClientCalls.asyncUnaryCall(call, request, new StreamObserver<>() {
                private SumOfSquaresResponse response;

                @Override
                public void onNext(SumOfSquaresResponse value) {
                    response = value;
                }

                @Override
                public void onError(Throwable failure) {
                    emitter.fail(failure);
                }

                @Override
                public void onCompleted() {
                    emitter.complete(new WorkerAnswer(response,
                            describe(call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR))));
                }
            });
        });
    }

    private static String describe(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            return inet.getAddress().getHostAddress() + ":" + inet.getPort();
        }
        return String.valueOf(address);
    }

    /** A worker's response and where it came from. */
    private record WorkerAnswer(SumOfSquaresResponse response, String address) {

        ComputePart toPart(Range range, int attempts) {
            boolean wide = response.getPartsList().stream()
                    .anyMatch(part -> !part.getKernel().equals(KernelPath.INT128.label()));
            return ComputePart.newBuilder()
                    .setStart(range.start())
                    .setEnd(range.end())
                    .setSum(response.getSum())
                    .setWorker(address + " (" + response.getServedBy() + ")")
                    .setElapsed(response.getElapsed())
                    .setAttempts(attempts)
                    .setKernel((wide ? KernelPath.BIGINT : KernelPath.INT128).label())
                    .build();
        }
    }
}
