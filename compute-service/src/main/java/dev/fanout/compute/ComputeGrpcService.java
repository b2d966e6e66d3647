package dev.fanout.compute;

import dev.fanout.compute.ComputeRequests.ComputeCall;
import dev.fanout.compute.kernel.Range;
import dev.fanout.runtime.calls.CallContexts;
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
import java.util.Optional;

/**
 * fanout.v1.Compute: request, validation, the mode's strategy, the combined result. Runs on the
 * event loop only to wire the call; the strategies do the work elsewhere.
 */
@GrpcService
public class ComputeGrpcService implements Compute {

    private final ComputeRequests requests;
    private final ComputeMetrics metrics;
    private final Map<ComputeMode, ComputeStrategy> strategies = new EnumMap<>(ComputeMode.class);

    public ComputeGrpcService(ComputeRequests requests, ComputeMetrics metrics, @All List<ComputeStrategy> strategies) {
        this.requests = requests;
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
            ComputeCall call = requests.validate(request);
            ComputeStrategy strategy = strategies.get(call.mode());
            List<Range> plan = call.range().split(strategy.partsFor(call.parts()));
            Context context = Context.current();
            CallResult result = new CallResult(call.mode(), plan.size());
            long started = System.nanoTime();
            return CallContexts.boundTo(context, strategy.compute(plan, Optional.ofNullable(context.getDeadline())))
                    .onItem().invoke(part -> metrics.part(call.mode()))
                    .map(result::progress)
                    .onCompletion().switchTo(() -> Multi.createFrom().item(result::resultEvent))
                    .onTermination().invoke((failure, cancelled) -> metrics.call(call.mode(),
                            cancelled ? Status.Code.CANCELLED
                                    : failure == null ? Status.Code.OK : Status.fromThrowable(failure).getCode(),
                            System.nanoTime() - started));
        });
    }
}
