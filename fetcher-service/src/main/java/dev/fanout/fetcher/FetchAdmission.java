package dev.fanout.fetcher;

import dev.fanout.fetcher.mode.FetchStrategy;
import dev.fanout.fetcher.request.FetchPlan;
import dev.fanout.runtime.admission.Admission;
import dev.fanout.runtime.admission.InFlightBudget;
import dev.fanout.runtime.admission.ServiceBudgets;
import dev.fanout.v1.FetchMode;
import dev.fanout.v1.FetchResult;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

/**
 * The admission stage of the fetcher: a call reserves its downloads (its concurrency, at most one per
 * URL) from the budget of its mode, downloads here or PODS downloads spread over the peers, before
 * any starts, and gives them back when it ends.
 */
@Singleton
public class FetchAdmission {

    private final ServiceBudgets budgets;

    public FetchAdmission(FetcherConfig config, MeterRegistry registry) {
        FetcherConfig.Admission limits = config.admission();
        this.budgets = new ServiceBudgets(registry, "fanout.fetcher.admission", "ask for a lower concurrency",
                limits.maxWaiting(), limits.maxWait(), new ServiceBudgets.Budget("downloads", "downloads at once in this fetcher",
                        limits.downloads()),
                new ServiceBudgets.Budget("pods-downloads", "downloads at once of the PODS calls this fetcher coordinates",
                        limits.podsDownloads()));
    }

    InFlightBudget budget(FetchMode mode) {
        return budgets.of(mode == FetchMode.FETCH_MODE_PODS);
    }

    /** The plan as it runs: a concurrency above the whole budget of its mode is lowered to it. */
    public FetchPlan fit(FetchPlan plan) {
        return plan.withConcurrency(budget(plan.mode()).share(plan.concurrency()));
    }

    /** The strategy's results, started once the call holds its downloads. */
    public Multi<FetchResult> admit(FetchPlan plan, FetchStrategy strategy) {
        return Admission.admit(budget(plan.mode()), Math.min(plan.concurrency(), plan.urls().size()), plan.deadline(),
                units -> strategy.fetch(plan));
    }

    @PreDestroy
    void close() {
        budgets.close();
    }
}
