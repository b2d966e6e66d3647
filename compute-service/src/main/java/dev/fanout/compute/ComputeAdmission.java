package dev.fanout.compute;

import dev.fanout.compute.mode.ComputeRun;
import dev.fanout.compute.request.ComputePlan;
import dev.fanout.runtime.admission.Admission;
import dev.fanout.runtime.admission.InFlightBudget;
import dev.fanout.runtime.admission.ServiceBudgets;
import dev.fanout.v1.ComputeMode;
import dev.fanout.v1.ComputePart;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

/**
 * The admission stage of compute: a call reserves its parts from the budget of its mode (kernels
 * here for SINGLE and CORES, worker parts for PODS) before any part starts, and gives them back
 * when it ends.
 */
@Singleton
public class ComputeAdmission {

    private final ServiceBudgets budgets;

    public ComputeAdmission(ComputeConfig config, MeterRegistry registry) {
        ComputeConfig.Admission limits = config.admission();
        this.budgets = new ServiceBudgets(registry, "fanout.compute.admission", "ask for fewer parts", limits.maxWaiting(),
                limits.maxWait(), new ServiceBudgets.Budget("kernels", "parts at once on this process's compute threads",
                        limits.kernels()),
                new ServiceBudgets.Budget("worker-parts", "PODS parts at once coordinated by this process", limits.workerParts()));
    }

    /** The budget SINGLE and CORES calls draw on: a call keeps no more parts in flight than its share of it. */
    public InFlightBudget kernels() {
        return budgets.of(false);
    }

    /** The run's parts, started once the call holds its share of its mode's budget. */
    public Multi<ComputePart> admit(ComputePlan plan, ComputeRun run) {
        return Admission.admit(budgets.of(plan.mode() == ComputeMode.COMPUTE_MODE_PODS), run.partsTotal(), plan.deadline(),
                units -> run.parts());
    }

    @PreDestroy
    void close() {
        budgets.close();
    }
}
