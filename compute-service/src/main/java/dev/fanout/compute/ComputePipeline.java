package dev.fanout.compute;

import dev.fanout.compute.mode.ComputeRun;
import dev.fanout.compute.mode.ComputeStrategy;
import dev.fanout.compute.request.ComputePlan;
import dev.fanout.compute.request.ComputeRequestValidator;
import dev.fanout.compute.result.ComputeResultAggregator;
import dev.fanout.runtime.calls.CallContexts;
import dev.fanout.runtime.calls.CallDeadlines;
import dev.fanout.runtime.calls.CallOutcomes;
import dev.fanout.v1.ComputeMode;
import dev.fanout.v1.SumOfSquaresEvent;
import dev.fanout.v1.SumOfSquaresRequest;
import io.grpc.Context;
import io.grpc.StatusRuntimeException;
import io.quarkus.arc.All;
import io.smallrye.mutiny.Multi;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The data path of a SumOfSquares call: request, validation, admission (the call's parts from the
 * process-wide budget), the mode's strategy, then progress per part and the exactly combined result.
 * A bad request is a failed stream; the work is bound to the call's gRPC Context, so the caller's
 * cancel, its deadline or the service's cap stops every part; the call's outcome is recorded.
 */
@Singleton
public class ComputePipeline {

    private final ComputeRequestValidator validator;
    private final ComputeAdmission admission;
    private final Map<ComputeMode, ComputeStrategy> strategies;
    private final ComputeMetrics metrics;

    public ComputePipeline(ComputeRequestValidator validator, ComputeAdmission admission,
            @All List<ComputeStrategy> strategies, ComputeMetrics metrics) {
        this.validator = validator;
        this.admission = admission;
        this.strategies = strategies.stream().collect(Collectors.toUnmodifiableMap(ComputeStrategy::mode, Function.identity()));
        this.metrics = metrics;
    }

    /** Progress per finished part, then the result; the work starts when the stream is subscribed. */
    public Multi<SumOfSquaresEvent> sumOfSquares(SumOfSquaresRequest request, Context context) {
        long started = System.nanoTime();
        ComputePlan plan;
        try {
            plan = validator.validate(request, CallDeadlines.callers(context));
        } catch (StatusRuntimeException refused) {
            metrics.call(request.getMode(), refused.getStatus().getCode(), System.nanoTime() - started);
            return Multi.createFrom().failure(refused);
        }
        ComputeStrategy strategy = strategies.get(plan.mode());
        Multi<SumOfSquaresEvent> events = Multi.createFrom().deferred(() -> {
            ComputeRun run = strategy.compute(plan);
            ComputeResultAggregator result = new ComputeResultAggregator(plan.mode(), run.partsTotal());
            return admission.admit(plan, run)
                    .onItem().invoke(part -> metrics.part(plan.mode()))
                    .map(result::progress)
                    .onCompletion().switchTo(() -> Multi.createFrom().item(result::resultEvent));
        });
        return CallContexts.boundTo(context, events)
                .onFailure().transform(failure -> CallOutcomes.forCaller(failure, "compute-service"))
                .onTermination().invoke((failure, cancelled) ->
                        metrics.call(plan.mode(), CallOutcomes.code(failure, cancelled), System.nanoTime() - started));
    }
}
