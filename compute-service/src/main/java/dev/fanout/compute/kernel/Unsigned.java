package dev.fanout.compute.kernel;

import java.math.BigInteger;

/** Unsigned 64-bit words as BigIntegers. */
final class Unsigned {

    private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);

    private Unsigned() {
    }

    static BigInteger of(long word) {
        BigInteger value = BigInteger.valueOf(word);
        return word >= 0 ? value : value.add(TWO_TO_64);
    }
}
