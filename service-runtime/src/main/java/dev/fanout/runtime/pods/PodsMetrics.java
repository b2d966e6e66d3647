package dev.fanout.runtime.pods;

import io.grpc.Status;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The fan-out on /q/metrics, tagged by {@code pool} and {@code outcome} only (a worker's address is no
 * tag: pods get new addresses, and each would be a new series for good):
 * {@code fanout_pods_attempts_total{pool, outcome}} (outcome {@code done}: the try finished its part;
 * {@code cancelled}: a speculative loser, or its call ended, cancelled or at its deadline (a try carries
 * its call's deadline, and the fan-out ends the call then, never blaming the worker); {@code failed}),
 * {@code fanout_pods_retries_total}, {@code fanout_pods_speculations_total} and the gauge
 * {@code fanout_pods_workers}. Each meter is made once per pool.
 */
public final class PodsMetrics implements PodsObserver {

    private final MeterRegistry registry;
    private final Map<String, Meters> pools = new ConcurrentHashMap<>();

    public PodsMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    private final class Meters {
        final Counter done;
        final Counter cancelled;
        final Counter failed;
        final Counter retries;
        final Counter speculations;
        final AtomicInteger workers = new AtomicInteger();

        Meters(String pool) {
            done = attempts(pool, "done");
            cancelled = attempts(pool, "cancelled");
            failed = attempts(pool, "failed");
            retries = Counter.builder("fanout.pods.retries").description("Parts tried again on another worker after a failure")
                    .tag("pool", pool).register(registry);
            speculations = Counter.builder("fanout.pods.speculations").description("Straggling parts run again on another worker")
                    .tag("pool", pool).register(registry);
            Gauge.builder("fanout.pods.workers", workers, AtomicInteger::get).description("Workers the PODS fan-out sends parts to")
                    .tag("pool", pool).register(registry);
        }

        private Counter attempts(String pool, String outcome) {
            return Counter.builder("fanout.pods.attempts").description("Tries of parts on workers, by outcome")
                    .tag("pool", pool).tag("outcome", outcome).register(registry);
        }

        Counter outcome(Status status) {
            return switch (status.getCode()) {
                case OK -> done;
                case CANCELLED, DEADLINE_EXCEEDED -> cancelled;
                default -> failed;
            };
        }
    }

    private Meters of(String pool) {
        return pools.computeIfAbsent(pool, Meters::new);
    }

    @Override
    public CallObserver callStarted(String pool, int parts) {
        Meters meters = of(pool);
        return attempt -> {
            if (attempt.retry()) {
                meters.retries.increment();
            }
            if (attempt.speculative()) {
                meters.speculations.increment();
            }
            return status -> meters.outcome(status).increment();
        };
    }

    @Override
    public void workers(String pool, int workers) {
        of(pool).workers.set(workers);
    }
}
