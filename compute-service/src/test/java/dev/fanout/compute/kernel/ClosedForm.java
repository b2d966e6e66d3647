package dev.fanout.compute.kernel;

import java.math.BigInteger;

/** The reference: sum of i*i over [start, end) from n(n+1)(2n+1)/6, in BigInteger. */
public final class ClosedForm {

    private ClosedForm() {
    }

    public static BigInteger sumOfSquares(long start, long end) {
        return signedPrefix(BigInteger.valueOf(end)).subtract(signedPrefix(BigInteger.valueOf(start)));
    }

    /** Sum over [0, x) for x >= 0, minus the sum over [x, 0) for x < 0: so sum[a, b) = P(b) - P(a). */
    private static BigInteger signedPrefix(BigInteger x) {
        return x.signum() >= 0 ? throughN(x.subtract(BigInteger.ONE)) : throughN(x.negate()).negate();
    }

    /** 0^2 + 1^2 + ... + n^2 = n(n+1)(2n+1)/6 (0 for n = -1). */
    private static BigInteger throughN(BigInteger n) {
        return n.multiply(n.add(BigInteger.ONE)).multiply(n.shiftLeft(1).add(BigInteger.ONE))
                .divide(BigInteger.valueOf(6));
    }
}
