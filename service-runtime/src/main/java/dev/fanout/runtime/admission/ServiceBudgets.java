package dev.fanout.runtime.admission;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A service's two in-flight budgets: the work it runs itself, and the work of the PODS calls it
 * coordinates, which runs on its workers or peers. Two, because a process can be its own worker (the
 * local topology's fetcher is its own peer): a coordinator's call holding units of the budget its
 * parts need there would wait for itself. Both share one timer thread for the waits, and both are on
 * /q/metrics, tagged by name: {@code fanout_admission_capacity}, {@code fanout_admission_in_use},
 * {@code fanout_admission_waiting} and {@code fanout_admission_refused_total{reason}} (reason
 * {@code queue-full}, {@code waited-too-long} or {@code deadline}).
 */
public final class ServiceBudgets implements AutoCloseable {

    /** One budget's name (its metrics tag and setting key), what a unit is, and its size. */
    public record Budget(String name, String what, int capacity) {
    }

    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("admission-timeouts").factory());
    private final InFlightBudget local;
    private final InFlightBudget pods;

    /**
     * @param prefix where the settings live ("fanout.fetcher.admission")
     * @param advice what a refused caller can ask for instead ("ask for a lower concurrency")
     */
    public ServiceBudgets(MeterRegistry registry, String prefix, String advice, int maxWaiting, Duration maxWait,
            Budget local, Budget pods) {
        List<InFlightBudget> budgets = List.of(local, pods).stream().map(budget -> new InFlightBudget(new BudgetSettings(
                budget.name(), budget.what(), advice, budget.capacity(), maxWaiting, maxWait, prefix), timers)).toList();
        budgets.forEach(budget -> register(registry, budget));
        this.local = budgets.get(0);
        this.pods = budgets.get(1);
    }

    /** The budget a call draws on: the PODS one for a call this process coordinates, else the local one. */
    public InFlightBudget of(boolean podsCall) {
        return podsCall ? pods : local;
    }

    private static void register(MeterRegistry registry, InFlightBudget budget) {
        String name = budget.settings().name();
        Gauge.builder("fanout.admission.capacity", budget.settings(), BudgetSettings::capacity)
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
    }

    @Override
    public void close() {
        timers.shutdownNow();
    }
}
