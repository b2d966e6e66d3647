package dev.fanout.fetcher;

import dev.fanout.fetcher.mode.FetchPlan;
import dev.fanout.fetcher.mode.FetchStrategy;
import dev.fanout.v1.FetchEvent;
import dev.fanout.v1.FetchMode;
import dev.fanout.v1.FetchRequest;
import io.grpc.Deadline;
import io.grpc.StatusRuntimeException;
import io.smallrye.mutiny.Multi;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The data path of a Fetch call: request, validation, the mode's strategy, results as they complete, then the summary. */
public final class FetchPipeline {

    private final FetchRequestValidator validator;
    private final Map<FetchMode, FetchStrategy> strategies;
    private final FetchMetrics metrics;

    public FetchPipeline(FetchRequestValidator validator, List<FetchStrategy> strategies, FetchMetrics metrics) {
        this.validator = validator;
        this.strategies = strategies.stream().collect(Collectors.toUnmodifiableMap(FetchStrategy::mode, Function.identity()));
        this.metrics = metrics;
    }

    public Multi<FetchEvent> fetch(FetchRequest request, Optional<Deadline> deadline) {
        FetchPlan plan;
        try {
            plan = validator.validate(request, deadline);
        } catch (StatusRuntimeException invalid) {
            return Multi.createFrom().failure(invalid);
        }
        FetchStrategy strategy = strategies.get(plan.mode());
        return Multi.createFrom().deferred(() -> {
            long start = System.nanoTime();
            FetchSummaryAggregator totals = new FetchSummaryAggregator();
            Multi<FetchEvent> results = strategy.fetch(plan)
                    .onItem().invoke(result -> {
                        totals.add(result);
                        metrics.result(plan.mode(), result);
                    })
                    .map(result -> FetchEvent.newBuilder().setResult(result).build());
            Multi<FetchEvent> summary = Multi.createFrom().item(() -> {
                long elapsed = System.nanoTime() - start;
                metrics.call(plan.mode(), "completed", elapsed);
                return FetchEvent.newBuilder().setSummary(totals.summary(elapsed, plan.mode(), plan.concurrency())).build();
            });
            return Multi.createBy().concatenating().streams(results, summary)
                    .onCancellation().invoke(() -> metrics.call(plan.mode(), "cancelled", System.nanoTime() - start));
        });
    }
}
