package dev.fanout.compute;

import dev.fanout.v1.ComputeMode;
import dev.fanout.v1.support.Labels;
import io.grpc.Status;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Per-mode call latency and outcome ({@code fanout_compute_calls_seconds{mode,outcome}}, outcome the
 * call's gRPC status code) and parts ({@code fanout_compute_parts_total{mode}}). Meters are looked up
 * once per tag set; every tag has a fixed set of values. PODS workers' tries: the fanout_pods_* meters.
 */
@Singleton
public class ComputeMetrics {

    private final MeterRegistry registry;
    private final Map<ComputeMode, Map<Status.Code, Timer>> calls = new ConcurrentHashMap<>();
    private final Map<ComputeMode, Counter> parts = new ConcurrentHashMap<>();

    public ComputeMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A finished call: its latency (a histogram, for quantiles per mode) and the status it ended with. */
    public void call(ComputeMode mode, Status.Code outcome, long nanos) {
        calls.computeIfAbsent(mode, ignored -> new ConcurrentHashMap<>())
                .computeIfAbsent(outcome, code -> Timer.builder("fanout.compute.calls")
                        .description("SumOfSquares calls, by mode and outcome (the gRPC status code)")
                        .tag("mode", label(mode))
                        .tag("outcome", code.name())
                        .publishPercentileHistogram()
                        .register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    public void part(ComputeMode mode) {
        parts.computeIfAbsent(mode, ignored -> Counter.builder("fanout.compute.parts")
                .description("Parts computed, by mode")
                .tag("mode", label(mode))
                .register(registry)).increment();
    }

    /** A mode number this service does not know (a refused call's) is one label, not one per number. */
    private static String label(ComputeMode mode) {
        return mode == ComputeMode.UNRECOGNIZED ? "unrecognized" : Labels.of(mode);
    }
}
