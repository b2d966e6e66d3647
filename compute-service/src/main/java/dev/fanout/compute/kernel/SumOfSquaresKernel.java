package dev.fanout.compute.kernel;

import java.math.BigInteger;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * The exact sum of i*i over a {@link Range}. Integers whose squares fit 64 bits go through the
 * fast narrow loop; any others (|i| >= 2^32) through the exact wide one, so a part reports
 * {@link KernelPath#BIGINT} only when it holds such integers. Work is done in blocks, with a
 * cancellation check between blocks.
 */
public final class SumOfSquaresKernel {

    /** About a millisecond of work or less on either loop: how quickly a cancellation is seen. */
    static final int BLOCK = 1 << 20;

    private final NarrowSquares narrow;

    private SumOfSquaresKernel(NarrowSquares narrow) {
        this.narrow = narrow;
    }

    /** The Vector API loop when the JVM has jdk.incubator.vector and wide SIMD registers, else scalar. */
    public static SumOfSquaresKernel fastest() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            try {
                if (VectorNarrowSquares.worthwhile()) {
                    return new SumOfSquaresKernel(new VectorNarrowSquares());
                }
            } catch (LinkageError unavailable) {
                // e.g. a native image built without the module: the scalar loop still works.
            }
        }
        return scalar();
    }

    /** The plain loop only: what runs where the Vector API does not. */
    public static SumOfSquaresKernel scalar() {
        return new SumOfSquaresKernel(new ScalarNarrowSquares());
    }

    /** Whether the narrow loop is the Vector API's (SIMD lanes), not the scalar one. */
    public boolean vectorized() {
        return narrow instanceof VectorNarrowSquares;
    }

    /** The narrow loop in use, for logs. */
    public String description() {
        return narrow.description();
    }

    /**
     * @param cancelled polled between blocks
     * @throws CancellationException once {@code cancelled} answers true
     */
    public PartSum sum(Range range, BooleanSupplier cancelled) {
        long start = range.start();
        long end = range.end();
        // [start, narrowFrom) and [narrowTo, end) hold the integers of magnitude >= 2^32.
        long narrowFrom = Math.clamp(-NarrowSquares.MAX_MAGNITUDE, start, end);
        long narrowTo = Math.clamp(NarrowSquares.MAX_MAGNITUDE + 1, start, end);

        UInt128 narrowTotal = new UInt128();
        for (long from = narrowFrom; from < narrowTo; ) {
            checkCancelled(cancelled);
            long to = from + Math.min(BLOCK, narrowTo - from);
            narrow.addBlock(from, to, narrowTotal);
            from = to;
        }
        WideSquares wideTotal = new WideSquares();
        addWide(start, narrowFrom, wideTotal, cancelled);
        addWide(narrowTo, end, wideTotal, cancelled);

        BigInteger sum = narrowTotal.toBigInteger().add(wideTotal.toBigInteger());
        return new PartSum(sum, KernelPath.of(range));
    }

    private static void addWide(long start, long end, WideSquares total, BooleanSupplier cancelled) {
        for (long from = start; from < end; ) {
            checkCancelled(cancelled);
            // end - from can exceed Long.MAX_VALUE: compare it unsigned.
            long to = Long.compareUnsigned(end - from, BLOCK) <= 0 ? end : from + BLOCK;
            total.addBlock(from, to);
            from = to;
        }
    }

    private static void checkCancelled(BooleanSupplier cancelled) {
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("sum of squares cancelled");
        }
    }
}
