package dev.fanout.compute.kernel;

/** The arithmetic a part was summed with (the contract's ComputePart.kernel values). */
public enum KernelPath {
    /** Every square fits 64 bits; lanes and carries are combined in 128 bits. */
    INT128("int128"),
    /** Some square needs up to 126 bits; summed exactly in a 192-bit accumulator. */
    BIGINT("bigint");

    private final String label;

    KernelPath(String label) {
        this.label = label;
    }

    /** The path a range takes: BIGINT as soon as it holds an integer of magnitude above {@link NarrowSquares#MAX_MAGNITUDE}. */
    public static KernelPath of(Range range) {
        boolean wide = !range.isEmpty()
                && (range.start() < -NarrowSquares.MAX_MAGNITUDE || range.end() - 1 > NarrowSquares.MAX_MAGNITUDE);
        return wide ? BIGINT : INT128;
    }

    public String label() {
        return label;
    }
}
