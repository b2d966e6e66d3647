package dev.fanout.runtime.admission;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;

/**
 * A budget on /q/metrics, tagged by its name: {@code fanout_admission_capacity}, {@code
 * fanout_admission_in_use}, {@code fanout_admission_waiting} and {@code
 * fanout_admission_refused_total{reason=queue-full|waited-too-long|deadline}}.
 */
public final class BudgetMeters {

    private BudgetMeters() {
    }

    public static InFlightBudget register(MeterRegistry registry, InFlightBudget budget) {
        String name = budget.settings().name();
        Gauge.builder("fanout.admission.capacity", budget, b -> b.settings().capacity())
                .description("Units of the in-flight budget (its setting)").tag("budget", name).register(registry);
        Gauge.builder("fanout.admission.in.use", budget, InFlightBudget::inUse)
                .description("Units held by running calls").tag("budget", name).register(registry);
        Gauge.builder("fanout.admission.waiting", budget, InFlightBudget::waiting)
                .description("Calls waiting for units").tag("budget", name).register(registry);
        for (InFlightBudget.Refusal why : InFlightBudget.Refusal.values()) {
            FunctionCounter.builder("fanout.admission.refused", budget, b -> b.refused(why))
                    .description("Calls refused RESOURCE_EXHAUSTED (or DEADLINE_EXCEEDED while waiting)")
                    .tag("budget", name).tag("reason", why.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                    .register(registry);
        }
        return budget;
    }
}
