package dev.fanout.compute.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SumOfSquaresKernelTest {

    private static final long TWO_TO_32 = 1L << 32;
    private static final BooleanSupplier NEVER = () -> false;

    static Stream<SumOfSquaresKernel> kernels() {
        return Stream.of(SumOfSquaresKernel.fastest(), SumOfSquaresKernel.scalar());
    }

    private static void assertExact(SumOfSquaresKernel kernel, long start, long end) {
        PartSum part = kernel.sum(new Range(start, end), NEVER);
        assertEquals(ClosedForm.sumOfSquares(start, end), part.sum(),
                () -> kernel.description() + " over [" + start + ", " + end + ")");
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void theFoundationsCheckAndTheTutorialsOffByOne(SumOfSquaresKernel kernel) {
        assertEquals(new BigInteger("333333328333333350000000"),
                kernel.sum(new Range(0, 100_000_000), NEVER).sum());
        // The tutorial printed this: its slice(0, -1) dropped the last number.
        assertEquals(new BigInteger("333333318333333549999999"),
                kernel.sum(new Range(0, 99_999_999), NEVER).sum());
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void emptyRangesSumToZero(SumOfSquaresKernel kernel) {
        for (long at : new long[] {Long.MIN_VALUE, -TWO_TO_32, -1, 0, 1, TWO_TO_32, Long.MAX_VALUE}) {
            assertEquals(BigInteger.ZERO, kernel.sum(new Range(at, at), NEVER).sum());
        }
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void randomRangesAnywhereInInt64MatchTheClosedForm(SumOfSquaresKernel kernel) {
        SplittableRandom random = new SplittableRandom(20261125);
        for (int i = 0; i < 300; i++) {
            long length = random.nextLong(0, 20_000);
            long start = switch (i % 4) {
                case 0 -> random.nextLong(); // anywhere: mostly huge magnitudes
                case 1 -> random.nextLong(-3 * TWO_TO_32, 3 * TWO_TO_32); // around the narrow limits
                case 2 -> random.nextLong(-1_000_000, 1_000_000); // small, both signs
                default -> random.nextBoolean() ? Long.MIN_VALUE + random.nextLong(0, 50_000)
                        : Long.MAX_VALUE - length - random.nextLong(0, 50_000);
            };
            long end = start > Long.MAX_VALUE - length ? Long.MAX_VALUE : start + length;
            assertExact(kernel, start, end);
        }
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void theInt64EdgesAreExact(SumOfSquaresKernel kernel) {
        assertExact(kernel, Long.MIN_VALUE, Long.MIN_VALUE + 100_000);
        assertExact(kernel, Long.MAX_VALUE - 100_000, Long.MAX_VALUE);
        assertExact(kernel, Long.MIN_VALUE, Long.MIN_VALUE + 1);
        assertExact(kernel, Long.MAX_VALUE - 1, Long.MAX_VALUE);
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void manyCarriesNearTheNarrowLimitStayExact(SumOfSquaresKernel kernel) {
        // Every square here is close to 2^64: nearly every addition carries, in every lane.
        assertExact(kernel, TWO_TO_32 - 3_000_000, TWO_TO_32);
        assertExact(kernel, -(TWO_TO_32 - 1), -(TWO_TO_32 - 3_000_001));
        // Crosses the block boundary and both sides of zero.
        assertExact(kernel, -SumOfSquaresKernel.BLOCK - 12_345, SumOfSquaresKernel.BLOCK + 6_789);
    }

    @Test
    void thePathIsInt128ExactlyWhenEverySquareFits64Bits() {
        SumOfSquaresKernel kernel = SumOfSquaresKernel.fastest();
        assertEquals(KernelPath.INT128, kernel.sum(new Range(-(TWO_TO_32 - 1), -(TWO_TO_32 - 10)), NEVER).path());
        assertEquals(KernelPath.INT128, kernel.sum(new Range(TWO_TO_32 - 10, TWO_TO_32), NEVER).path());
        assertEquals(KernelPath.BIGINT, kernel.sum(new Range(TWO_TO_32 - 10, TWO_TO_32 + 1), NEVER).path());
        assertEquals(KernelPath.BIGINT, kernel.sum(new Range(-TWO_TO_32, -TWO_TO_32 + 5), NEVER).path());
        assertEquals(KernelPath.INT128, kernel.sum(new Range(7, 7), NEVER).path());
        // A range straddling the limit: both paths, summed once.
        assertExact(kernel, TWO_TO_32 - 50_000, TWO_TO_32 + 50_000);
        assertExact(kernel, -TWO_TO_32 - 50_000, -TWO_TO_32 + 50_000);
    }

    @Test
    void theVectorLoopIsUsedWhenTheModuleIsPresent() {
        boolean module = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        assertTrue(module, "surefire runs the tests with --add-modules jdk.incubator.vector");
        assertTrue(SumOfSquaresKernel.fastest().vectorized(), SumOfSquaresKernel.fastest().description());
        assertFalse(SumOfSquaresKernel.scalar().vectorized(), SumOfSquaresKernel.scalar().description());
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void aCancelledSumStopsBetweenBlocks(SumOfSquaresKernel kernel) {
        AtomicInteger checks = new AtomicInteger();
        BooleanSupplier cancelAfterThree = () -> checks.incrementAndGet() > 3;
        assertThrows(CancellationException.class,
                () -> kernel.sum(new Range(0, 1_000_000_000_000L), cancelAfterThree));
        assertEquals(4, checks.get());
        assertThrows(CancellationException.class,
                () -> kernel.sum(new Range(Long.MIN_VALUE, Long.MAX_VALUE), () -> true));
    }
}
