package dev.fanout.fetcher;

import dev.fanout.fetcher.download.UrlProgress;
import dev.fanout.fetcher.mode.FetchStrategy;
import dev.fanout.fetcher.mode.PodsStrategy;
import dev.fanout.fetcher.request.FetchPlan;
import dev.fanout.fetcher.request.FetchRequestValidator;
import dev.fanout.fetcher.result.FetchSummaryAggregator;
import dev.fanout.runtime.calls.CallContexts;
import dev.fanout.runtime.calls.CallDeadlines;
import dev.fanout.runtime.calls.CallOutcomes;
import dev.fanout.runtime.calls.CallTimeCap;
import dev.fanout.v1.FetchError;
import dev.fanout.v1.FetchEvent;
import dev.fanout.v1.FetchMode;
import dev.fanout.v1.FetchRequest;
import dev.fanout.v1.FetchResult;
import io.grpc.Context;
import io.grpc.StatusRuntimeException;
import io.quarkus.arc.All;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The data path of a Fetch call: request, validation, admission (the call's downloads from the
 * process-wide budget), the mode's strategy, results as they complete, then the summary. A bad
 * request is a failed stream. The work is bound to the call's gRPC Context: the caller's cancel or
 * deadline stops every download. At the service's time cap the strategy is stopped, the URLs it had
 * not finished are reported as timed out, the summary follows, and the call ends DEADLINE_EXCEEDED
 * with the cap's ErrorInfo: nothing fetched is lost, and the caller can tell the cap from a complete
 * run. The call's outcome is recorded.
 */
@Singleton
public final class FetchPipeline {

    private final FetchRequestValidator validator;
    private final FetchAdmission admission;
    private final Map<FetchMode, FetchStrategy> strategies;
    private final FetchMetrics metrics;

    public FetchPipeline(FetchRequestValidator validator, FetchAdmission admission, List<FetchStrategy> strategies,
            FetchMetrics metrics) {
        this.validator = validator;
        this.admission = admission;
        this.strategies = strategies.stream().collect(Collectors.toUnmodifiableMap(FetchStrategy::mode, Function.identity()));
        this.metrics = metrics;
    }

    /** The modes of this process's own clients, and PODS when fanout.fetcher.peers names peers. */
    @Inject
    public FetchPipeline(FetchRequestValidator validator, FetchAdmission admission, @All List<FetchStrategy> localModes,
            Optional<PodsStrategy> pods, FetchMetrics metrics) {
        this(validator, admission, Stream.concat(localModes.stream(), pods.stream()).toList(), metrics);
    }

    /** Results as they complete, then the summary; the work starts when the stream is subscribed. */
    public Multi<FetchEvent> fetch(FetchRequest request, Context context) {
        long started = System.nanoTime();
        FetchPlan plan;
        try {
            plan = admission.fit(validator.validate(request, CallDeadlines.callers(context)));
        } catch (StatusRuntimeException refused) {
            metrics.call(request.getMode(), refused.getStatus().getCode(), System.nanoTime() - started);
            return Multi.createFrom().failure(refused);
        }
        FetchStrategy strategy = strategies.get(plan.mode());
        return CallContexts.boundToEndingAtCap(context, capReached -> run(plan, strategy, capReached))
                .onFailure().transform(failure -> CallOutcomes.forCaller(failure, "fetcher-service"))
                .onTermination().invoke((failure, cancelled) ->
                        metrics.call(plan.mode(), CallOutcomes.code(failure, cancelled), System.nanoTime() - started));
    }

    /**
     * @param capReached emits the service's cap when the call reaches it (see CallContexts#boundToEndingAtCap)
     */
    private Multi<FetchEvent> run(FetchPlan plan, FetchStrategy strategy, Uni<CallTimeCap> capReached) {
        return Multi.createFrom().deferred(() -> {
            long start = System.nanoTime();
            FetchSummaryAggregator totals = new FetchSummaryAggregator();
            AtomicReference<CallTimeCap> capped = new AtomicReference<>();
            Multi<FetchResult> cutOff = Multi.createFrom().deferred(() -> capped.get() == null ? Multi.createFrom().empty()
                    : Multi.createFrom().iterable(totals.unreported(plan.urls().size()).mapToObj(index -> UrlProgress.unfinished(
                            index, plan.urls().get(index), FetchError.FETCH_ERROR_TIMEOUT, cutOffMessage(capped.get()))).toList()));
            Multi<FetchEvent> results = Multi.createBy().concatenating()
                    .streams(untilCap(admission.admit(plan, strategy), capReached, capped), cutOff)
                    .onItem().invoke(result -> {
                        totals.add(result);
                        metrics.result(plan.mode(), result);
                    })
                    .map(result -> FetchEvent.newBuilder().setResult(result).build());
            Multi<FetchEvent> summary = Multi.createFrom().item(() -> FetchEvent.newBuilder()
                    .setSummary(totals.summary(System.nanoTime() - start, plan.mode(), plan.concurrency())).build());
            Multi<FetchEvent> end = Multi.createFrom().deferred(() -> capped.get() == null ? Multi.createFrom().empty()
                    : Multi.createFrom().failure(capped.get().exceeded()));
            return Multi.createBy().concatenating().streams(results, summary, end);
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
