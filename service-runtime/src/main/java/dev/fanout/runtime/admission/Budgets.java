package dev.fanout.runtime.admission;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A service's in-flight budgets: they share one timer thread (for the waits), and each is on
 * /q/metrics, tagged by its name: {@code fanout_admission_capacity}, {@code fanout_admission_in_use},
 * {@code fanout_admission_waiting} and {@code fanout_admission_refused_total{reason}} (reason
 * {@code queue-full}, {@code waited-too-long} or {@code deadline}).
 */
public final class Budgets implements AutoCloseable {

    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("admission-timeouts").factory());
    private final MeterRegistry registry;

    public Budgets(MeterRegistry registry) {
        this.registry = registry;
    }

    public InFlightBudget budget(BudgetSettings settings) {
        InFlightBudget budget = new InFlightBudget(settings, timers);
        String name = settings.name();
        Gauge.builder("fanout.admission.capacity", settings, BudgetSettings::capacity)
                .description("Units of the in-flight budget (its setting)").tag("budget", name).register(registry);
        Gauge.builder("fanout.admission.in.use", budget, InFlightBudget::inUse)
                .description("Units held by running calls").tag("budget", name).register(registry);
        Gauge.builder("fanout.admission.waiting", budget, InFlightBudget::waiting)
                .description("Calls waiting for units").tag("budget", name).register(registry);
        for (InFlightBudget.Refusal why : InFlightBudget.Refusal.values()) {
            FunctionCounter.builder("fanout.admission.refused", budget, refused -> refused.refused(why))
                    .description("Calls the budget refused: RESOURCE_EXHAUSTED, or DEADLINE_EXCEEDED while waiting")
                    .tag("budget", name).tag("reason", why.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                    .register(registry);
        }
        return budget;
    }

    @Override
    public void close() {
        timers.shutdownNow();
    }
}
