package dev.fanout.fetcher;

import dev.fanout.runtime.calls.CallContexts;
import io.grpc.Context;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.quarkus.grpc.GlobalInterceptor;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Gives every call a gRPC Context with the caller's deadline, cancelled when the caller cancels or
 * goes away (see CallContexts). FetcherGrpcService stops the call's downloads with it, and PODS mode
 * passes the deadline on to the peers. No cap here: a call without a deadline ends at
 * max-call-duration in the pipeline, which reports the unfinished URLs instead of failing the call.
 */
@ApplicationScoped
@GlobalInterceptor
public class FetchCallContextInterceptor implements ServerInterceptor {

    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("call-deadlines").factory());

    @Override
    public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call, Metadata headers,
            ServerCallHandler<ReqT, RespT> next) {
        Context.CancellableContext context = CallContexts.callersDeadline(headers)
                .map(deadline -> Context.current().withDeadline(deadline, deadlines))
                .orElseGet(() -> Context.current().withCancellation());
        return CallContexts.start(context, call, headers, next);
    }

    @PreDestroy
    void stop() {
        deadlines.shutdownNow();
    }
}
