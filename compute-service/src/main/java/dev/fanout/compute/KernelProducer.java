package dev.fanout.compute;

import dev.fanout.compute.kernel.SumOfSquaresKernel;
import io.quarkus.logging.Log;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The kernel this process runs: the vector loop where the JVM offers it, else the scalar one. */
public class KernelProducer {

    @Produces
    @Singleton
    SumOfSquaresKernel kernel() {
        SumOfSquaresKernel kernel = SumOfSquaresKernel.fastest();
        if (kernel.description().equals("scalar")) {
            Log.info("Sum-of-squares kernel: scalar loop (start the JVM with"
                    + " --add-modules=jdk.incubator.vector for the SIMD loop)");
        } else {
            Log.infof("Sum-of-squares kernel: %s", kernel.description());
        }
        return kernel;
    }
}
