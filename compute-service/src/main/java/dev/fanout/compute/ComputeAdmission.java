package dev.fanout.compute;

import dev.fanout.compute.mode.ComputeRun;
import dev.fanout.compute.request.ComputePlan;
import dev.fanout.runtime.admission.Admission;
import dev.fanout.runtime.admission.BudgetSettings;
import dev.fanout.runtime.admission.Budgets;
import dev.fanout.runtime.admission.InFlightBudget;
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

    private static final String SETTINGS = "fanout.compute.admission";

    private final Budgets budgets;
    private final InFlightBudget kernels;
    private final InFlightBudget workerParts;

    public ComputeAdmission(ComputeConfig config, MeterRegistry registry) {
        ComputeConfig.Admission limits = config.admission();
        this.budgets = new Budgets(registry);
        this.kernels = budgets.budget(new BudgetSettings("kernels", "parts at once on this process's compute threads",
                "ask for fewer parts", limits.kernels(), limits.maxWaiting(), limits.maxWait(), SETTINGS));
        this.workerParts = budgets.budget(new BudgetSettings("worker-parts", "PODS parts at once coordinated by this process",
                "ask for fewer parts", limits.workerParts(), limits.maxWaiting(), limits.maxWait(), SETTINGS));
    }

    /** The budget SINGLE and CORES calls draw on: a call keeps no more parts in flight than its share of it. */
    public InFlightBudget kernels() {
        return kernels;
    }

    /** The run's parts, started once the call holds its share of its mode's budget. */
    public Multi<ComputePart> admit(ComputePlan plan, ComputeRun run) {
        InFlightBudget budget = plan.mode() == ComputeMode.COMPUTE_MODE_PODS ? workerParts : kernels;
        return Admission.admit(budget, run.partsTotal(), plan.deadline(), units -> run.parts());
    }

    @PreDestroy
    void close() {
        budgets.close();
    }
}
