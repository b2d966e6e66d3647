package dev.fanout.compute.mode;

import dev.fanout.compute.ComputeAdmission;
import dev.fanout.compute.kernel.PartSum;
import dev.fanout.compute.kernel.Range;
import dev.fanout.compute.kernel.SumOfSquaresKernel;
import dev.fanout.runtime.admission.InFlightBudget;
import dev.fanout.v1.ComputePart;
import dev.fanout.v1.support.ProtoDurations;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Computes parts on this process's compute threads, each part on one thread, with no more of a call's
 * parts queued or running than its share of the kernels budget (what admission reserved for it).
 */
@Singleton
public class LocalParts {

    private final CpuExecutor cpu;
    private final SumOfSquaresKernel kernel;
    private final InFlightBudget kernels;

    public LocalParts(CpuExecutor cpu, SumOfSquaresKernel kernel, ComputeAdmission admission) {
        this.cpu = cpu;
        this.kernel = kernel;
        this.kernels = admission.kernels();
    }

    public int threads() {
        return cpu.threads();
    }

    /** Emits each part as it finishes; cancelling stops every part still queued or running. */
    public Multi<ComputePart> compute(List<Range> ranges) {
        return Multi.createFrom().iterable(ranges)
                .onItem().transformToUni(this::compute)
                .merge(kernels.share(ranges.size()));
    }

    private Uni<ComputePart> compute(Range range) {
        return cpu.submit(cancelled -> {
            long started = System.nanoTime();
            PartSum sum = kernel.sum(range, cancelled);
            return ComputePart.newBuilder()
                    .setStart(range.start())
                    .setEnd(range.end())
                    .setSum(sum.sum().toString())
                    .setWorker(Thread.currentThread().getName())
                    .setElapsed(ProtoDurations.since(started))
                    .setAttempts(1)
                    .setKernel(sum.path().label())
                    .build();
        });
    }
}
