package dev.fanout.compute.kernel;

/** The plain loop: runs everywhere (a native image, a JVM without the Vector API). */
final class ScalarNarrowSquares implements NarrowSquares {

    @Override
    public void addBlock(long from, long to, UInt128 total) {
        long wrapped = 0;
        long highHalves = 0;
        int n = Math.toIntExact(to - from);
        for (int k = 0; k < n; k++) {
            long x = from + k;
            long square = x * x;
            wrapped += square;
            highHalves += square >>> 32;
        }
        NarrowSquares.addLane(highHalves, wrapped, total);
    }

    @Override
    public String description() {
        return "scalar";
    }
}
