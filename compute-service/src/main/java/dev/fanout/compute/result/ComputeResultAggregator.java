package dev.fanout.compute.result;

import dev.fanout.runtime.HostNames;
import dev.fanout.v1.ComputeMode;
import dev.fanout.v1.ComputePart;
import dev.fanout.v1.ComputeProgress;
import dev.fanout.v1.SumOfSquaresEvent;
import dev.fanout.v1.SumOfSquaresResponse;
import dev.fanout.v1.support.ProtoDurations;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Gathers one call's finished parts into progress events and the final, exactly combined response. */
public final class ComputeResultAggregator {

    private final ComputeMode mode;
    private final int partsTotal;
    private final long startedNanos = System.nanoTime();
    private final List<ComputePart> parts = new ArrayList<>();

    public ComputeResultAggregator(ComputeMode mode, int partsTotal) {
        this.mode = mode;
        this.partsTotal = partsTotal;
    }

    public synchronized SumOfSquaresEvent progress(ComputePart part) {
        parts.add(part);
        return SumOfSquaresEvent.newBuilder()
                .setProgress(ComputeProgress.newBuilder()
                        .setPartsDone(parts.size())
                        .setPartsTotal(partsTotal)
                        .setPart(part))
                .build();
    }

    public synchronized SumOfSquaresResponse response() {
        List<ComputePart> inOrder = parts.stream().sorted(Comparator.comparingLong(ComputePart::getStart)).toList();
        BigInteger sum = inOrder.stream().map(part -> new BigInteger(part.getSum())).reduce(BigInteger.ZERO, BigInteger::add);
        return SumOfSquaresResponse.newBuilder()
                .setSum(sum.toString())
                .setElapsed(ProtoDurations.since(startedNanos))
                .setMode(mode)
                .addAllParts(inOrder)
                .setServedBy(HostNames.thisHost())
                .setParallelism((int) inOrder.stream().map(ComputePart::getWorker).distinct().count())
                .build();
    }

    public SumOfSquaresEvent resultEvent() {
        return SumOfSquaresEvent.newBuilder().setResult(response()).build();
    }
}
