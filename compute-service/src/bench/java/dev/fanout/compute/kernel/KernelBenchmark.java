package dev.fanout.compute.kernel;

import java.math.BigInteger;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** One thread, the exact sum of squares over [0, end): the Vector API loop and the scalar one. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class KernelBenchmark {

    @Param({"100000000", "1000000000"})
    long end;

    @Param({"vector", "scalar"})
    String loop;

    private SumOfSquaresKernel kernel;

    @Setup
    public void pickLoop() {
        kernel = loop.equals("vector") ? SumOfSquaresKernel.fastest() : SumOfSquaresKernel.scalar();
        if (loop.equals("vector") && kernel.description().equals("scalar")) {
            throw new IllegalStateException("no Vector API in this JVM");
        }
    }

    @Benchmark
    public BigInteger sumOfSquares() {
        return kernel.sum(new Range(0, end), () -> false).sum();
    }
}
