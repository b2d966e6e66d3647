package dev.fanout.compute.mode;

import dev.fanout.compute.ComputeConfig;
import dev.fanout.compute.kernel.KernelPath;
import dev.fanout.compute.kernel.Range;
import dev.fanout.compute.request.ComputePlan;
import dev.fanout.runtime.peers.PeerChannels;
import dev.fanout.runtime.pods.Attempt;
import dev.fanout.runtime.pods.Part;
import dev.fanout.runtime.pods.PartFailure;
import dev.fanout.runtime.pods.PodsFanout;
import dev.fanout.runtime.pods.PodsMetrics;
import dev.fanout.runtime.pods.PodsObserver;
import dev.fanout.runtime.pods.PodsSettings;
import dev.fanout.runtime.pods.PodsTarget;
import dev.fanout.runtime.pods.WorkerChannels;
import dev.fanout.runtime.tracing.PodsTracing;
import dev.fanout.v1.ComputeGrpc;
import dev.fanout.v1.ComputeMode;
import dev.fanout.v1.ComputePart;
import dev.fanout.v1.SumOfSquaresRequest;
import io.grpc.Status;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
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

    /** The worker pods behind fanout.compute.workers; none when it is unset (validation then refuses PODS). */
    private final Optional<PodsFanout> workers;
    private final int defaultParts;

    public PodsStrategy(ComputeConfig config, PeerChannels peers, MeterRegistry registry, PodsTracing tracing) {
        this.workers = config.workers().map(target -> {
            Log.infof("PODS mode fans out to %s", target);
            return new PodsFanout("compute", PodsTarget.parse(target), PodsSettings.from(config.pods()),
                    WorkerChannels.netty(peers.credentials()), PodsObserver.both(new PodsMetrics(registry), tracing));
        });
        this.defaultParts = config.pods().defaultParts();
    }

    @Override
    public ComputeMode mode() {
        return ComputeMode.COMPUTE_MODE_PODS;
    }

    @Override
    public ComputeRun compute(ComputePlan plan) {
        PodsFanout fanout = workers.orElseThrow();
        List<RangePart> parts = plan.range().split(plan.requestedParts() == 0 ? defaultParts : plan.requestedParts())
                .stream().map(range -> new RangePart(range, fanout.target())).toList();
        return new ComputeRun(parts.size(), fanout.run(parts, plan.deadline()));
    }

    @PreDestroy
    void close() throws InterruptedException {
        if (workers.isPresent()) {
            workers.get().close();
        }
    }

    /** One range, summed by whichever worker pulls it. */
    static final class RangePart implements Part<ComputePart> {

        private final Range range;
        private final PodsTarget workers;
        private final AtomicBoolean reported = new AtomicBoolean();

        RangePart(Range range, PodsTarget workers) {
            this.range = range;
            this.workers = workers;
        }

        @Override
        public String describe() {
            return range.toString();
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
        public List<ComputePart> giveUp(PartFailure why) {
            throw Status.UNAVAILABLE.withDescription("part " + range + " could not be computed: " + why.describe("worker")
                    + ". Check the worker pods behind " + workers + ", or retry.").asRuntimeException();
        }
    }
}
