package dev.fanout.compute.bench;

import dev.fanout.v1.ComputeGrpc;
import dev.fanout.v1.ComputeMode;
import dev.fanout.v1.SumOfSquaresRequest;
import dev.fanout.v1.SumOfSquaresResponse;
import dev.fanout.v1.support.Labels;
import dev.fanout.v1.support.ProtoDurations;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * End-to-end timings against a running compute-service, with plain grpc-java (independent of the
 * CLI). Usage:
 *   ComputeBench call HOST:PORT MODE START END RUNS [PARTS]   median service and round-trip time
 *   ComputeBench latency HOST:PORT CALLS                      p50/p99 of a tiny unary SINGLE call
 */
public final class ComputeBench {

    public static void main(String[] args) throws Exception {
        ManagedChannel channel = ManagedChannelBuilder.forTarget(args[1]).usePlaintext().build();
        try {
            var compute = ComputeGrpc.newBlockingStub(channel);
            if (args[0].equals("latency")) {
                latency(compute, Integer.parseInt(args[2]));
            } else {
                call(compute, ComputeMode.valueOf("COMPUTE_MODE_" + args[2].toUpperCase(Locale.ROOT)),
                        Long.parseLong(args[3]), Long.parseLong(args[4]), Integer.parseInt(args[5]),
                        args.length > 6 ? Integer.parseInt(args[6]) : 0);
            }
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static void call(ComputeGrpc.ComputeBlockingStub compute, ComputeMode mode, long start, long end,
            int runs, int parts) {
        SumOfSquaresRequest request = SumOfSquaresRequest.newBuilder()
                .setStart(start).setEnd(end).setMode(mode).setParts(parts).build();
        compute.sumOfSquares(request); // warm-up: JIT and connections
        double[] service = new double[runs];
        double[] roundTrip = new double[runs];
        SumOfSquaresResponse last = null;
        for (int r = 0; r < runs; r++) {
            long begun = System.nanoTime();
            last = compute.sumOfSquares(request);
            roundTrip[r] = (System.nanoTime() - begun) / 1e6;
            service[r] = ProtoDurations.millis(last.getElapsed());
        }
        double partsMs = last.getPartsList().stream()
                .mapToDouble(p -> ProtoDurations.millis(p.getElapsed())).max().orElse(0);
        System.out.printf(Locale.ROOT, "%s [%d,%d) parts=%d parallelism=%d median service %.1f ms, round trip %.1f ms,"
                        + " slowest part %.1f ms, sum %s%n", Labels.of(mode), start, end,
                last.getPartsCount(), last.getParallelism(), median(service), median(roundTrip), partsMs, last.getSum());
    }

    private static void latency(ComputeGrpc.ComputeBlockingStub compute, int calls) {
        SumOfSquaresRequest tiny = SumOfSquaresRequest.newBuilder()
                .setStart(0).setEnd(10).setMode(ComputeMode.COMPUTE_MODE_SINGLE).build();
        for (int i = 0; i < 2_000; i++) {
            compute.sumOfSquares(tiny);
        }
        Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        for (int i = 0; i < calls; i++) {
            long begun = System.nanoTime();
            compute.sumOfSquares(tiny);
            histogram.recordValue(System.nanoTime() - begun);
        }
        System.out.printf(Locale.ROOT, "tiny unary SumOfSquares [0,10) SINGLE, %d sequential calls on loopback:"
                        + " p50 %.0f us, p90 %.0f us, p99 %.0f us, p99.9 %.0f us, max %.0f us%n", calls,
                histogram.getValueAtPercentile(50) / 1e3, histogram.getValueAtPercentile(90) / 1e3,
                histogram.getValueAtPercentile(99) / 1e3, histogram.getValueAtPercentile(99.9) / 1e3,
                histogram.getMaxValue() / 1e3);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
