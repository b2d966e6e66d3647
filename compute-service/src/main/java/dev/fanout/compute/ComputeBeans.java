package dev.fanout.compute;

import dev.fanout.compute.kernel.SumOfSquaresKernel;
import dev.fanout.runtime.calls.CallTimeCap;
import io.quarkus.logging.Log;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** CDI wiring: the kernel this process runs, and what the shared runtime asks of this service. */
public class ComputeBeans {

    /** The vector loop where the JVM offers it, else the scalar one. */
    @Produces
    @Singleton
    SumOfSquaresKernel kernel() {
        SumOfSquaresKernel kernel = SumOfSquaresKernel.fastest();
        if (!kernel.vectorized()) {
            Log.info("Sum-of-squares kernel: scalar loop (start the JVM with"
                    + " --add-modules=jdk.incubator.vector for the SIMD loop)");
        } else {
            Log.infof("Sum-of-squares kernel: %s", kernel.description());
        }
        return kernel;
    }

    /** The shared call-context interceptor caps every call at fanout.compute.max-call-duration. */
    @Produces
    @Singleton
    CallTimeCap callTimeCap(ComputeConfig config) {
        return new CallTimeCap(config.maxCallDuration(), "fanout.compute.max-call-duration");
    }
}
