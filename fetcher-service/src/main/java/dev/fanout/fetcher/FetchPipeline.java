package dev.fanout.fetcher;

import dev.fanout.fetcher.download.UrlProgress;
import dev.fanout.fetcher.mode.FetchStrategy;
import dev.fanout.fetcher.request.FetchPlan;
import dev.fanout.fetcher.request.FetchRequestValidator;
import dev.fanout.fetcher.result.FetchSummaryAggregator;
import dev.fanout.v1.FetchError;
import dev.fanout.v1.FetchEvent;
import dev.fanout.v1.FetchMode;
import dev.fanout.v1.FetchRequest;
import dev.fanout.v1.FetchResult;
import io.grpc.StatusRuntimeException;
import io.smallrye.mutiny.Multi;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The data path of a Fetch call: request, validation, the mode's strategy, results as they complete
 * (within the call's time cap, the rest reported as timed out), then the summary.
 */
public final class FetchPipeline {

    private final FetchRequestValidator validator;
    private final Map<FetchMode, FetchStrategy> strategies;
    private final FetchMetrics metrics;
    private final Duration maxCallDuration;

    public FetchPipeline(FetchRequestValidator validator, List<FetchStrategy> strategies, FetchMetrics metrics,
            Duration maxCallDuration) {
        this.validator = validator;
        this.strategies = strategies.stream().collect(Collectors.toUnmodifiableMap(FetchStrategy::mode, Function.identity()));
        this.metrics = metrics;
        this.maxCallDuration = maxCallDuration;
    }

    public Multi<FetchEvent> fetch(FetchRequest request, Optional<Instant> deadline) {
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
            // At the cap the strategy is cancelled, which stops its downloads as a client's cancel does.
            // select().first(Duration) completes at the cap but drops its upstream without cancelling
            // it (Mutiny 3.1), so the strategy's subscription is cancelled here; after a normal end
            // that is a no-op.
            AtomicReference<Flow.Subscription> strategyRun = new AtomicReference<>();
            Multi<FetchResult> inTime = strategy.fetch(plan)
                    .onSubscription().invoke(strategyRun::set)
                    .select().first(maxCallDuration)
                    .onCompletion().invoke(() -> strategyRun.get().cancel());
            Multi<FetchResult> cutOff = Multi.createFrom().deferred(() -> Multi.createFrom().iterable(
                    totals.unreported(plan.urls().size()).mapToObj(index -> UrlProgress.unfinished(index,
                            plan.urls().get(index), FetchError.FETCH_ERROR_TIMEOUT, cutOffMessage())).toList()));
            Multi<FetchEvent> results = Multi.createBy().concatenating().streams(inTime, cutOff)
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

    private String cutOffMessage() {
        return "the call reached its time cap of " + maxCallDuration.toMillis()
                + " ms (fanout.fetcher.max-call-duration) before this URL finished";
    }
}
