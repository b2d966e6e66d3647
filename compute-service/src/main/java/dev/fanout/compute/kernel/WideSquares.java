package dev.fanout.compute.kernel;

/**
 * Exact sums of squares of any int64 values: each square in 128 bits (Math.multiplyHigh), summed in
 * a 192-bit accumulator, which holds even the sum over all 2^64 values (below 2^190).
 */
final class WideSquares {

    private long word0;
    private long word1;
    private long word2;

    void addBlock(long from, long to) {
        long w0 = word0;
        long w1 = word1;
        long w2 = word2;
        for (long x = from; x < to; x++) {
            long low = x * x;
            // x*x is non-negative and below 2^127, so the signed high word is the unsigned one.
            long high = Math.multiplyHigh(x, x);
            w0 += low;
            high += Long.compareUnsigned(w0, low) < 0 ? 1 : 0;
            w1 += high;
            w2 += Long.compareUnsigned(w1, high) < 0 ? 1 : 0;
        }
        word0 = w0;
        word1 = w1;
        word2 = w2;
    }

    java.math.BigInteger toBigInteger() {
        return Unsigned.of(word2).shiftLeft(128).or(Unsigned.of(word1).shiftLeft(64)).or(Unsigned.of(word0));
    }
}
