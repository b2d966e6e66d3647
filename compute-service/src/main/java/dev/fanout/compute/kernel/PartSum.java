package dev.fanout.compute.kernel;

import java.math.BigInteger;

/** The exact sum of squares of one range, and the arithmetic path that produced it. */
public record PartSum(BigInteger sum, KernelPath path) {
}
