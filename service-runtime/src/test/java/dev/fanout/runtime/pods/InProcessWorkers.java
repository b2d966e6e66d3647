package dev.fanout.runtime.pods;

import grpc.health.v1.HealthGrpc;
import grpc.health.v1.HealthOuterClass.HealthCheckRequest;
import grpc.health.v1.HealthOuterClass.HealthCheckResponse;
import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Workers as in-process gRPC servers on direct executors, answering on a fake clock: a worker call,
 * its answer and whatever the fan-out does next all run on the thread that advances the clock, so a
 * test is deterministic. The workers behind the target are what the test lists; the health check
 * stands in for a part's work, its service name names the part.
 */
final class InProcessWorkers implements AutoCloseable {

    /** What a worker does with one request: answer after {@code after}, fail with {@code failure}, or neither (hang). */
    record Action(Duration after, Status failure) {
        static Action answer(long millis) {
            return new Action(Duration.ofMillis(millis), null);
        }

        static Action fail(Status status) {
            return new Action(null, status);
        }

        static final Action HANG = new Action(null, null);
    }

    final FakeClock clock = new FakeClock();
    private final Map<InetSocketAddress, PodsTarget.Entry> listed = new LinkedHashMap<>();
    private final List<Server> servers = new ArrayList<>();
    /** The channel the fan-out opened to each address, the latest. */
    final Map<InetSocketAddress, ManagedChannel> channels = new LinkedHashMap<>();

    /** A worker at 10.0.0.N:8081; {@code behaviour} is read on every request, so a test can change it. */
    final class FakeWorker extends HealthGrpc.HealthImplBase {
        final InetSocketAddress address;
        volatile Function<String, Action> behaviour;
        final List<String> started = new ArrayList<>();
        final List<String> cancelled = new ArrayList<>();
        final List<Boolean> hadDeadline = new ArrayList<>();
        int running;
        int mostRunning;

        FakeWorker(int n, Function<String, Action> behaviour) throws IOException {
            this.address = new InetSocketAddress(InetAddress.getByAddress(new byte[] {10, 0, 0, (byte) n}), 8081);
            this.behaviour = behaviour;
            servers.add(InProcessServerBuilder.forName(address.toString()).directExecutor().addService(this).build().start());
        }

        String name() {
            return address.getAddress().getHostAddress() + ":" + address.getPort();
        }

        @Override
        public void check(HealthCheckRequest request, StreamObserver<HealthCheckResponse> responses) {
            String part = request.getService();
            started.add(part);
            hadDeadline.add(Context.current().getDeadline() != null);
            running++;
            mostRunning = Math.max(mostRunning, running);
            boolean[] over = {false};
            ((ServerCallStreamObserver<HealthCheckResponse>) responses).setOnCancelHandler(() -> {
                if (!over[0]) {
                    over[0] = true;
                    running--;
                    cancelled.add(part);
                }
            });
            Action action = behaviour.apply(part);
            if (action.failure() != null) {
                over[0] = true;
                running--;
                responses.onError(action.failure().asRuntimeException());
            } else if (action.after() != null) {
                clock.schedule(action.after(), () -> {
                    if (!over[0]) {
                        over[0] = true;
                        running--;
                        responses.onNext(HealthCheckResponse.newBuilder().setStatus(HealthCheckResponse.ServingStatus.SERVING).build());
                        responses.onCompleted();
                    }
                });
            }
        }
    }

    /** Starts a worker and lists it behind the target. */
    FakeWorker worker(int n, Function<String, Action> behaviour) throws IOException {
        FakeWorker worker = unlisted(n, behaviour);
        list(worker);
        return worker;
    }

    /** Starts a worker the target does not list yet. */
    FakeWorker unlisted(int n, Function<String, Action> behaviour) throws IOException {
        return new FakeWorker(n, behaviour);
    }

    void list(FakeWorker worker) {
        synchronized (listed) {
            listed.put(worker.address, new PodsTarget.Entry("workers", 8081));
        }
    }

    void unlist(FakeWorker worker) {
        synchronized (listed) {
            listed.remove(worker.address);
        }
    }

    /** A fan-out over the listed workers, on this clock. */
    PodsFanout fanout(PodsSettings settings, PodsObserver observer) {
        Membership.Resolver resolver = unresolved -> {
            synchronized (listed) {
                return new LinkedHashMap<>(listed);
            }
        };
        WorkerChannels inProcess = (address, authority) -> {
            ManagedChannel channel = InProcessChannelBuilder.forName(address.toString()).directExecutor().build();
            channels.put(address, channel);
            return channel;
        };
        return new PodsFanout("test", PodsTarget.parse("workers:8081"), resolver, settings, inProcess, clock,
                new java.util.SplittableRandom(1), observer);
    }

    @Override
    public void close() throws InterruptedException {
        for (ManagedChannel channel : channels.values()) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        for (Server server : servers) {
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
