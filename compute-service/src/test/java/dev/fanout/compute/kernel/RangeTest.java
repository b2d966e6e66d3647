package dev.fanout.compute.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class RangeTest {

    @Test
    void partsAreContiguousAndTheirLengthsDifferByAtMostOne() {
        for (Range range : List.of(new Range(0, 1_000_000_007L), new Range(-17, 4),
                new Range(Long.MIN_VALUE, Long.MAX_VALUE), new Range(Long.MAX_VALUE - 5, Long.MAX_VALUE))) {
            for (int n : new int[] {1, 2, 3, 7, 4096}) {
                List<Range> parts = range.split(n);
                assertEquals(range.start(), parts.getFirst().start());
                assertEquals(range.end(), parts.getLast().end());
                long shortest = Long.MAX_VALUE;
                long longest = 0;
                for (int k = 0; k < parts.size(); k++) {
                    if (k > 0) {
                        assertEquals(parts.get(k - 1).end(), parts.get(k).start());
                    }
                    assertTrue(!parts.get(k).isEmpty(), () -> "empty part in " + parts);
                    shortest = Math.min(shortest, parts.get(k).unsignedLength());
                    longest = Math.max(longest, parts.get(k).unsignedLength());
                }
                if (Long.compareUnsigned(range.unsignedLength(), Long.MAX_VALUE) < 0) {
                    assertTrue(longest - shortest <= 1, range + " in " + n + ": " + parts);
                }
            }
        }
    }

    @Test
    void theWholeInt64RangeSplitsIntoEqualHalvesOfTwoToThe63() {
        List<Range> halves = new Range(Long.MIN_VALUE, Long.MAX_VALUE).split(2);
        // 2^64 - 1 integers: 2^63 in the first half, 2^63 - 1 in the second.
        assertEquals(List.of(new Range(Long.MIN_VALUE, 0), new Range(0, Long.MAX_VALUE)), halves);
    }

    @Test
    void neverMorePartsThanIntegers() {
        assertEquals(3, new Range(10, 13).split(8).size());
        assertEquals(List.of(new Range(5, 5)), new Range(5, 5).split(4));
    }

    @Test
    void partSumsCombineToTheWhole() {
        Range range = new Range(-4_000_000_123L, -3_999_000_000L);
        BigInteger combined = range.split(5).stream()
                .map(part -> SumOfSquaresKernel.fastest().sum(part, () -> false).sum())
                .reduce(BigInteger.ZERO, BigInteger::add);
        assertEquals(ClosedForm.sumOfSquares(range.start(), range.end()), combined);
    }

    @Test
    void startAfterEndIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Range(2, 1));
        assertThrows(IllegalArgumentException.class, () -> new Range(0, 1).split(0));
    }
}
