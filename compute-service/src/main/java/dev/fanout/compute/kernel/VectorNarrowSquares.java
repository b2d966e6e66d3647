package dev.fanout.compute.kernel;

import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD loop (incubating Vector API), the scalar loop's arithmetic in every lane. Uses only
 * operations whose names have not changed across the incubator's releases (mul, add, LSHR).
 * Only loaded when the jdk.incubator.vector module is present (see {@link SumOfSquaresKernel}).
 */
final class VectorNarrowSquares implements NarrowSquares {

    private static final VectorSpecies<Long> SPECIES = LongVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();

    private final ScalarNarrowSquares tail = new ScalarNarrowSquares();
    private final LongVector iota = LongVector.zero(SPECIES).addIndex(1);
    private final LongVector step = LongVector.broadcast(SPECIES, LANES);

    /** Without real SIMD registers of at least 256 bits, the Vector API is slower than scalar code. */
    static boolean worthwhile() {
        return SPECIES.vectorBitSize() >= 256;
    }

    @Override
    public void addBlock(long from, long to, UInt128 total) {
        int vectors = Math.toIntExact((to - from) / LANES);
        LongVector x = iota.add(from);
        LongVector wrapped = LongVector.zero(SPECIES);
        LongVector highHalves = LongVector.zero(SPECIES);
        for (int k = 0; k < vectors; k++) {
            LongVector squares = x.mul(x);
            wrapped = wrapped.add(squares);
            highHalves = highHalves.add(squares.lanewise(VectorOperators.LSHR, 32));
            x = x.add(step);
        }
        for (int lane = 0; lane < LANES; lane++) {
            NarrowSquares.addLane(highHalves.lane(lane), wrapped.lane(lane), total);
        }
        tail.addBlock(from + (long) vectors * LANES, to, total);
    }

    @Override
    public String description() {
        return "vector(" + LANES + " x 64-bit lanes)";
    }
}
