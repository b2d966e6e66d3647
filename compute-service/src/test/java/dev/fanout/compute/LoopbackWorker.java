package dev.fanout.compute;

import dev.fanout.compute.grpc.ComputeGrpcService;
import dev.fanout.compute.kernel.SumOfSquaresKernel;
import dev.fanout.compute.mode.AllCoresStrategy;
import dev.fanout.compute.mode.CpuExecutor;
import dev.fanout.compute.mode.LocalParts;
import dev.fanout.compute.mode.SingleThreadStrategy;
import dev.fanout.compute.request.ComputeRequestValidator;
import dev.fanout.v1.Compute;
import dev.fanout.v1.ComputeGrpc;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.ServerCalls;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.Cancellable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A compute worker for tests: this module's service classes (CORES on their own compute threads)
 * behind a plain grpc-java server on one loopback address, that a test can kill and restart.
 */
final class LoopbackWorker implements AutoCloseable {

    private final InetSocketAddress address;
    private final CpuExecutor cpu = new CpuExecutor(new SimpleMeterRegistry());
    private final Compute service;
    private Server server;

    LoopbackWorker(String host, int port) {
        this.address = new InetSocketAddress(host, port);
        ComputeAdmission admission = new ComputeAdmission(defaults(), new SimpleMeterRegistry());
        LocalParts local = new LocalParts(cpu, SumOfSquaresKernel.fastest(), admission);
        this.service = new ComputeGrpcService(new ComputePipeline(new ComputeRequestValidator(false), admission,
                List.of(new SingleThreadStrategy(local), new AllCoresStrategy(local)), new ComputeMetrics(new SimpleMeterRegistry())));
    }

    /** The settings a worker runs with when none is set. */
    private static ComputeConfig defaults() {
        return new SmallRyeConfigBuilder()
                .withMapping(ComputeConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .build()
                .getConfigMapping(ComputeConfig.class);
    }

    LoopbackWorker start() throws IOException {
        // A service definition built by hand: a ComputeImplBase subclass among the test classes
        // would be taken by Quarkus for the app's own Compute service.
        ServerServiceDefinition compute = ServerServiceDefinition.builder(ComputeGrpc.getServiceDescriptor())
                .addMethod(ComputeGrpc.getSumOfSquaresMethod(), ServerCalls.asyncUnaryCall((request, responses) ->
                        relay(service.sumOfSquares(request).toMulti(), responses)))
                .addMethod(ComputeGrpc.getSumOfSquaresStreamMethod(), ServerCalls.asyncServerStreamingCall(
                        (request, responses) -> relay(service.sumOfSquaresStream(request), responses)))
                .build();
        server = NettyServerBuilder.forAddress(address).addService(compute).build().start();
        return this;
    }

    private static <T> void relay(Multi<T> results, StreamObserver<T> responses) {
        Cancellable work = results.subscribe().with(responses::onNext, responses::onError, responses::onCompleted);
        ((ServerCallStreamObserver<T>) responses).setOnCancelHandler(work::cancel);
    }

    /** The pod dies: connections drop mid-call, and its calls are cancelled. */
    void kill() throws InterruptedException {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    boolean alive() {
        return server != null && !server.isShutdown();
    }

    String hostAddress() {
        return address.getAddress().getHostAddress();
    }

    /** Kernels computing on this worker now. */
    int running() {
        return cpu.running();
    }

    @Override
    public void close() throws InterruptedException {
        kill();
        cpu.stop();
    }
}
