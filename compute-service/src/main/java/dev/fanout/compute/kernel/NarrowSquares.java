package dev.fanout.compute.kernel;

/**
 * Sums squares of integers whose magnitude is at most {@link #MAX_MAGNITUDE}, where every square
 * fits an unsigned 64-bit word. Per lane, the loops keep two 64-bit sums that cannot overflow in a
 * block, whatever the values: the squares' high 32-bit halves, and the squares themselves modulo
 * 2^64. Together they give the lane's exact sum (see {@link #addLane}), with no carry tests in the
 * loop and no block that shrinks as the values grow.
 */
interface NarrowSquares {

    /** (2^32 - 1)^2 < 2^64: the largest magnitude whose square fits 64 unsigned bits. */
    long MAX_MAGNITUDE = 0xFFFF_FFFFL;

    /** Longest block: keeps both per-lane sums below 2^63 (2^31 high halves, each below 2^32). */
    int MAX_BLOCK = Integer.MAX_VALUE;

    /** Adds the squares of [from, to), at most {@link #MAX_BLOCK} integers, to {@code total}. */
    void addBlock(long from, long to, UInt128 total);

    /** What the implementation runs on, for logs: e.g. "vector(8 x 64-bit lanes)" or "scalar". */
    String description();

    /**
     * Adds one lane's exact sum: sum = H * 2^32 + L, with H the sum of the squares' high halves and
     * L that of their low halves. L is below 2^63, so it equals (wrapped - (H << 32)) mod 2^64.
     */
    static void addLane(long highHalves, long wrapped, UInt128 total) {
        long lowHalves = wrapped - (highHalves << 32);
        total.add(highHalves >>> 32, highHalves << 32);
        total.add(0, lowHalves);
    }
}
