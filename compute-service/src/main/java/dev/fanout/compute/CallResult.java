package dev.fanout.compute;

import dev.fanout.v1.ComputeMode;
import dev.fanout.v1.ComputePart;
import dev.fanout.v1.ComputeProgress;
import dev.fanout.v1.SumOfSquaresEvent;
import dev.fanout.v1.SumOfSquaresResponse;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Gathers one call's finished parts into progress events and the final, exactly combined response. */
final class CallResult {

    private static final String SERVED_BY = hostName();

    private final ComputeMode mode;
    private final int partsTotal;
    private final long startedNanos = System.nanoTime();
    private final List<ComputePart> parts = new ArrayList<>();

    CallResult(ComputeMode mode, int partsTotal) {
        this.mode = mode;
        this.partsTotal = partsTotal;
    }

    synchronized SumOfSquaresEvent progress(ComputePart part) {
        parts.add(part);
        return SumOfSquaresEvent.newBuilder()
                .setProgress(ComputeProgress.newBuilder()
                        .setPartsDone(parts.size())
                        .setPartsTotal(partsTotal)
                        .setPart(part))
                .build();
    }

    synchronized SumOfSquaresResponse response() {
        List<ComputePart> inOrder = parts.stream().sorted(Comparator.comparingLong(ComputePart::getStart)).toList();
        BigInteger sum = inOrder.stream().map(part -> new BigInteger(part.getSum())).reduce(BigInteger.ZERO, BigInteger::add);
        return SumOfSquaresResponse.newBuilder()
                .setSum(sum.toString())
                .setElapsed(LocalParts.durationSince(startedNanos))
                .setMode(mode)
                .addAllParts(inOrder)
                .setServedBy(SERVED_BY)
                .setParallelism((int) inOrder.stream().map(ComputePart::getWorker).distinct().count())
                .build();
    }

    SumOfSquaresEvent resultEvent() {
        return SumOfSquaresEvent.newBuilder().setResult(response()).build();
    }

    /** The pod name on Kubernetes (its HOSTNAME), else the machine's name. */
    private static String hostName() {
        String fromEnvironment = System.getenv("HOSTNAME");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
