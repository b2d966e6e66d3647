package dev.fanout.fetcher;

import dev.fanout.fetcher.download.UrlProgress;
import dev.fanout.fetcher.mode.FetchStrategy;
import dev.fanout.fetcher.request.FetchPlan;
import dev.fanout.fetcher.request.FetchRequestValidator;
import dev.fanout.fetcher.result.FetchSummaryAggregator;
import dev.fanout.runtime.calls.CallTimeCap;
import dev.fanout.v1.FetchError;
import dev.fanout.v1.FetchEvent;
import dev.fanout.v1.FetchMode;
import dev.fanout.v1.FetchRequest;
import dev.fanout.v1.FetchResult;
import io.grpc.StatusRuntimeException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The data path of a Fetch call: request, validation, the mode's strategy, results as they complete,
 * then the summary. At the service's time cap the strategy is stopped, the URLs it had not finished
 * are reported as timed out, the summary follows, and the call ends DEADLINE_EXCEEDED with the cap's
 * ErrorInfo: nothing fetched is lost, and the caller can tell the cap from a complete run.
 */
public final class FetchPipeline {

    private final FetchRequestValidator validator;
    private final Map<FetchMode, FetchStrategy> strategies;
    private final FetchMetrics metrics;

    public FetchPipeline(FetchRequestValidator validator, List<FetchStrategy> strategies, FetchMetrics metrics) {
        this.validator = validator;
        this.strategies = strategies.stream().collect(Collectors.toUnmodifiableMap(FetchStrategy::mode, Function.identity()));
        this.metrics = metrics;
    }

    /**
     * @param deadline the caller's deadline, passed on to peers
     * @param capReached emits the service's cap when the call reaches it (see CallContexts#boundToEndingAtCap)
     */
    public Multi<FetchEvent> fetch(FetchRequest request, Optional<Instant> deadline, Uni<CallTimeCap> capReached) {
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
            AtomicReference<CallTimeCap> capped = new AtomicReference<>();
            Multi<FetchResult> cutOff = Multi.createFrom().deferred(() -> capped.get() == null ? Multi.createFrom().empty()
                    : Multi.createFrom().iterable(totals.unreported(plan.urls().size()).mapToObj(index -> UrlProgress.unfinished(
                            index, plan.urls().get(index), FetchError.FETCH_ERROR_TIMEOUT, cutOffMessage(capped.get()))).toList()));
            Multi<FetchEvent> results = Multi.createBy().concatenating().streams(untilCap(strategy.fetch(plan), capReached, capped), cutOff)
                    .onItem().invoke(result -> {
                        totals.add(result);
                        metrics.result(plan.mode(), result);
                    })
                    .map(result -> FetchEvent.newBuilder().setResult(result).build());
            Multi<FetchEvent> summary = Multi.createFrom().item(() -> {
                long elapsed = System.nanoTime() - start;
                metrics.call(plan.mode(), capped.get() == null ? "completed" : "capped", elapsed);
                return FetchEvent.newBuilder().setSummary(totals.summary(elapsed, plan.mode(), plan.concurrency())).build();
            });
            Multi<FetchEvent> end = Multi.createFrom().deferred(() -> capped.get() == null ? Multi.createFrom().empty()
                    : Multi.createFrom().failure(capped.get().exceeded()));
            return Multi.createBy().concatenating().streams(results, summary, end)
                    .onCancellation().invoke(() -> metrics.call(plan.mode(), "cancelled", System.nanoTime() - start));
        });
    }

    /**
     * The strategy's results until the cap; at the cap its subscription is cancelled, which stops
     * its downloads as a client's cancel does, and the stream completes. A failure after the cap is
     * the cap's echo (a peer call it cancelled) and completes the stream too.
     */
    private static Multi<FetchResult> untilCap(Multi<FetchResult> run, Uni<CallTimeCap> capReached,
            AtomicReference<CallTimeCap> capped) {
        return Multi.createFrom().emitter(emitter -> {
            Cancellable strategy = run.subscribe().with(emitter::emit,
                    failure -> {
                        if (capped.get() == null) {
                            emitter.fail(failure);
                        } else {
                            emitter.complete();
                        }
                    },
                    emitter::complete);
            Cancellable watch = capReached.subscribe().with(cap -> {
                capped.set(cap);
                strategy.cancel();
                emitter.complete();
            }, failure -> {
            });
            emitter.onTermination(() -> {
                strategy.cancel();
                watch.cancel();
            });
        });
    }

    private static String cutOffMessage(CallTimeCap cap) {
        return "the call reached this service's time cap of " + cap.limitText() + " (" + cap.setting()
                + ") before this URL finished";
    }
}
