package dev.fanout.compute.mode;

import dev.fanout.compute.ComputeConfig;
import dev.fanout.compute.kernel.KernelPath;
import dev.fanout.compute.kernel.Range;
import dev.fanout.compute.request.ComputePlan;
import dev.fanout.runtime.pods.Attempt;
import dev.fanout.runtime.pods.Part;
import dev.fanout.v1.ComputeGrpc;
import dev.fanout.v1.ComputeMode;
import dev.fanout.v1.ComputePart;
import dev.fanout.v1.SumOfSquaresRequest;
import io.grpc.Status;
import io.smallrye.mutiny.Multi;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * COMPUTE_MODE_PODS: this service coordinates. It splits the range, and the shared PodsFanout
 * hands each part to a worker with room (the public SumOfSquares RPC in CORES mode, so each worker
 * uses all of its cores), runs it again elsewhere when its worker fails or straggles, and cancels
 * every worker call when the call is cancelled. A part's sum is exact wherever it ran, so the first
 * answer for a part is its answer.
 */
@Singleton
public class PodsStrategy implements ComputeStrategy {

    private final WorkerChannel workers;
    private final int defaultParts;

    public PodsStrategy(WorkerChannel workers, ComputeConfig config) {
        this.workers = workers;
        this.defaultParts = config.pods().defaultParts();
    }

    @Override
    public ComputeMode mode() {
        return ComputeMode.COMPUTE_MODE_PODS;
    }

    @Override
    public ComputeRun compute(ComputePlan plan) {
        List<RangePart> parts = plan.range().split(plan.requestedParts() == 0 ? defaultParts : plan.requestedParts())
                .stream().map(RangePart::new).toList();
        return new ComputeRun(parts.size(), workers.get().run(parts, plan.deadline()));
    }

    /** One range, summed by whichever worker pulls it. */
    private static final class RangePart implements Part<ComputePart> {

        private final Range range;
        private final AtomicBoolean reported = new AtomicBoolean();

        RangePart(Range range) {
            this.range = range;
        }

        @Override
        public Multi<ComputePart> attempt(Attempt attempt) {
            SumOfSquaresRequest request = SumOfSquaresRequest.newBuilder()
                    .setStart(range.start())
                    .setEnd(range.end())
                    .setMode(ComputeMode.COMPUTE_MODE_CORES)
                    .build();
            return attempt.call(ComputeGrpc.getSumOfSquaresMethod(), request).map(response -> ComputePart.newBuilder()
                    .setStart(range.start())
                    .setEnd(range.end())
                    .setSum(response.getSum())
                    .setWorker(attempt.worker() + " (" + response.getServedBy() + ")")
                    .setElapsed(response.getElapsed())
                    .setAttempts(attempt.number())
                    .setKernel(KernelPath.of(range).label())
                    .build());
        }

        @Override
        public boolean firstReport(ComputePart part) {
            return reported.compareAndSet(false, true);
        }

        /** A sum cannot be partly right: a part no worker could compute fails the call. */
        @Override
        public List<ComputePart> giveUp(Status last, int attempts) {
            throw Status.UNAVAILABLE.withDescription("part " + range + " failed on " + attempts
                    + " worker attempt(s); last: " + last).asRuntimeException();
        }
    }
}
