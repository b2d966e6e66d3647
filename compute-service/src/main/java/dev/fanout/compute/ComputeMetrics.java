package dev.fanout.compute;

import dev.fanout.v1.ComputeMode;
import dev.fanout.v1.support.Labels;
import io.grpc.Status;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.util.concurrent.TimeUnit;

/** Per-mode call latency and parts on /q/metrics (PODS workers' tries: the shared fanout_pods_* meters). */
@Singleton
public class ComputeMetrics {

    private final MeterRegistry registry;

    public ComputeMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Records a finished call: its latency (a histogram, for quantiles per mode) and outcome. */
    public void call(ComputeMode mode, Status.Code outcome, long nanos) {
        Timer.builder("fanout.compute.calls")
                .description("SumOfSquares calls, by mode and outcome")
                .tag("mode", Labels.of(mode))
                .tag("outcome", outcome.name())
                .publishPercentileHistogram()
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    public void part(ComputeMode mode) {
        Counter.builder("fanout.compute.parts")
                .description("Parts computed, by mode")
                .tag("mode", Labels.of(mode))
                .register(registry)
                .increment();
    }
}
