package dev.fanout.fetcher;

import dev.fanout.fetcher.mode.FetchStrategy;
import dev.fanout.fetcher.request.FetchPlan;
import dev.fanout.runtime.admission.Admission;
import dev.fanout.runtime.admission.BudgetSettings;
import dev.fanout.runtime.admission.Budgets;
import dev.fanout.runtime.admission.InFlightBudget;
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

    private static final String SETTINGS = "fanout.fetcher.admission";

    private final Budgets budgets;
    private final InFlightBudget downloads;
    private final InFlightBudget podsDownloads;

    public FetchAdmission(FetcherConfig config, MeterRegistry registry) {
        FetcherConfig.Admission limits = config.admission();
        this.budgets = new Budgets(registry);
        this.downloads = budgets.budget(new BudgetSettings("downloads", "downloads at once in this fetcher",
                "ask for a lower concurrency", limits.downloads(), limits.maxWaiting(), limits.maxWait(), SETTINGS));
        this.podsDownloads = budgets.budget(new BudgetSettings("pods-downloads",
                "downloads at once of the PODS calls this fetcher coordinates", "ask for a lower concurrency",
                limits.podsDownloads(), limits.maxWaiting(), limits.maxWait(), SETTINGS));
    }

    InFlightBudget budget(FetchMode mode) {
        return mode == FetchMode.FETCH_MODE_PODS ? podsDownloads : downloads;
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
