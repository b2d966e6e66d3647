package dev.fanout.compute.grpc;

import dev.fanout.compute.ComputeMetrics;
import dev.fanout.compute.mode.ComputeRun;
import dev.fanout.compute.mode.ComputeStrategy;
import dev.fanout.compute.request.ComputePlan;
import dev.fanout.compute.request.ComputeRequestValidator;
import dev.fanout.compute.result.ComputeResultAggregator;
import dev.fanout.runtime.calls.CallContexts;
import dev.fanout.runtime.calls.CallDeadlines;
import dev.fanout.v1.Compute;
import dev.fanout.v1.ComputeMode;
import dev.fanout.v1.SumOfSquaresEvent;
import dev.fanout.v1.SumOfSquaresRequest;
import dev.fanout.v1.SumOfSquaresResponse;
import io.grpc.Context;
import io.grpc.Status;
import io.quarkus.arc.All;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * fanout.v1.Compute, a thin adapter: validate the request into a plan, run it with the mode's
 * strategy, aggregate the parts, record metrics. Runs on the event loop only to wire the call; the
 * strategies do the work elsewhere.
 */
@GrpcService
public class ComputeGrpcService implements Compute {

    private final ComputeRequestValidator validator;
    private final ComputeMetrics metrics;
    private final Map<ComputeMode, ComputeStrategy> strategies = new EnumMap<>(ComputeMode.class);

    public ComputeGrpcService(ComputeRequestValidator validator, ComputeMetrics metrics,
            @All List<ComputeStrategy> strategies) {
        this.validator = validator;
        this.metrics = metrics;
        strategies.forEach(strategy -> this.strategies.put(strategy.mode(), strategy));
    }

    @Override
    public Uni<SumOfSquaresResponse> sumOfSquares(SumOfSquaresRequest request) {
        return sumOfSquaresStream(request).select().last().toUni().map(SumOfSquaresEvent::getResult);
    }

    /** Progress per finished part, then the result; the work starts when the stream is subscribed. */
    @Override
    public Multi<SumOfSquaresEvent> sumOfSquaresStream(SumOfSquaresRequest request) {
        return Multi.createFrom().deferred(() -> {
            Context context = Context.current();
            ComputePlan plan = validator.validate(request, CallDeadlines.callers(context));
            ComputeRun run = strategies.get(plan.mode()).compute(plan);
            ComputeResultAggregator result = new ComputeResultAggregator(plan.mode(), run.partsTotal());
            long started = System.nanoTime();
            return CallContexts.boundTo(context, run.parts())
                    .onItem().invoke(part -> metrics.part(plan.mode()))
                    .map(result::progress)
                    .onCompletion().switchTo(() -> Multi.createFrom().item(result::resultEvent))
                    .onTermination().invoke((failure, cancelled) -> metrics.call(plan.mode(),
                            cancelled ? Status.Code.CANCELLED
                                    : failure == null ? Status.Code.OK : Status.fromThrowable(failure).getCode(),
                            System.nanoTime() - started));
        });
    }
}
