package dev.fanout.compute.kernel;

import java.math.BigInteger;

/** A mutable unsigned 128-bit accumulator: enough for any sum of 2^33 squares below 2^64. */
final class UInt128 {

    private long high;
    private long low;

    /** Adds {@code carries * 2^64 + unsignedLow}. */
    void add(long carries, long unsignedLow) {
        long sum = low + unsignedLow;
        high += carries + (Long.compareUnsigned(sum, low) < 0 ? 1 : 0);
        low = sum;
    }

    BigInteger toBigInteger() {
        return Unsigned.of(high).shiftLeft(64).or(Unsigned.of(low));
    }
}
