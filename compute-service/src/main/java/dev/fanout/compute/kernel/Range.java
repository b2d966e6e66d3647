package dev.fanout.compute.kernel;

import java.util.ArrayList;
import java.util.List;

/**
 * The half-open integer range [start, end), as Python's {@code range(start, end)}. Any int64 bounds
 * with start <= end; its length can exceed {@link Long#MAX_VALUE}, so it is handled as unsigned.
 */
public record Range(long start, long end) {

    public Range {
        if (start > end) {
            throw new IllegalArgumentException("start " + start + " is greater than end " + end);
        }
    }

    /** How many integers the range holds, as an unsigned 64-bit value (up to 2^64 - 1). */
    public long unsignedLength() {
        return end - start;
    }

    public boolean isEmpty() {
        return start == end;
    }

    /**
     * Splits the range into {@code parts} consecutive ranges whose lengths differ by at most one.
     * Never more parts than integers (an empty range stays one empty part), so no part is empty
     * unless the whole range is.
     */
    public List<Range> split(int parts) {
        if (parts < 1) {
            throw new IllegalArgumentException("parts must be at least 1, was " + parts);
        }
        long length = unsignedLength();
        int n = Long.compareUnsigned(length, parts) < 0 ? (int) Math.max(1, length) : parts;
        long base = Long.divideUnsigned(length, n);
        long extra = Long.remainderUnsigned(length, n);
        List<Range> ranges = new ArrayList<>(n);
        long from = start;
        for (int k = 0; k < n; k++) {
            // Two's complement addition wraps exactly as unsigned arithmetic does, and every
            // boundary lies within [start, end], so no step overflows the true value.
            long to = from + base + (k < extra ? 1 : 0);
            ranges.add(new Range(from, to));
            from = to;
        }
        return ranges;
    }

    @Override
    public String toString() {
        return "[" + start + ", " + end + ")";
    }
}
