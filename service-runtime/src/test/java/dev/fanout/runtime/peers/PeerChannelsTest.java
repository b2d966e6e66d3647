package dev.fanout.runtime.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import grpc.health.v1.HealthGrpc;
import grpc.health.v1.HealthOuterClass.HealthCheckRequest;
import grpc.health.v1.HealthOuterClass.HealthCheckResponse;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PeerChannelsTest {

    private final List<Server> servers = new ArrayList<>();
    private final List<AtomicInteger> calls = new ArrayList<>();

    private String startPeer(String host) throws Exception {
        AtomicInteger count = new AtomicInteger();
        ServerInterceptor counting = new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                    ServerCallHandler<Q, R> next) {
                count.incrementAndGet();
                return next.startCall(call, headers);
            }
        };
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress(host, 0))
                .addService(ServerInterceptors.intercept(new Serving(), counting))
                .build().start();
        servers.add(server);
        calls.add(count);
        return host + ":" + server.getPort();
    }

    /** A peer that answers health checks. */
    private static final class Serving extends HealthGrpc.HealthImplBase {
        @Override
        public void check(HealthCheckRequest request, StreamObserver<HealthCheckResponse> responses) {
            responses.onNext(HealthCheckResponse.newBuilder().setStatus(HealthCheckResponse.ServingStatus.SERVING).build());
            responses.onCompleted();
        }
    }

    @AfterEach
    void stop() {
        servers.forEach(Server::shutdownNow);
    }

    @Test
    void aCommaSeparatedListIsBalancedRoundRobinOverEveryPeer() throws Exception {
        String peers = startPeer("127.0.0.1") + ", " + startPeer("127.0.0.1") + "," + startPeer("127.0.0.1");
        ManagedChannel channel = PeerChannels.builder(peers, InsecureChannelCredentials.create()).build();
        try {
            var health = HealthGrpc.newBlockingStub(channel).withWaitForReady();
            for (int i = 0; i < 60; i++) {
                health.withDeadlineAfter(10, TimeUnit.SECONDS).check(HealthCheckRequest.getDefaultInstance());
            }
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        for (AtomicInteger count : calls) {
            // round_robin once all three are ready; the first calls may go to whichever connected first.
            assertTrue(count.get() >= 10, () -> "calls per peer: " + calls);
        }
        assertEquals(60, calls.stream().mapToInt(AtomicInteger::get).sum());
    }

    @Test
    void aPeerWithoutAPortIsRefusedWithAClearMessage() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> PeerChannels.builder("127.0.0.1:9000,worker-b", InsecureChannelCredentials.create()));
        assertTrue(refused.getMessage().contains("\"worker-b\" needs the form host:port"), refused.getMessage());
    }

    @Test
    void aTargetUriIsPassedToGrpcAsItIs() {
        ManagedChannel channel = PeerChannels.builder("dns:///compute-workers:8081", InsecureChannelCredentials.create())
                .build();
        assertEquals("compute-workers:8081", channel.authority());
        channel.shutdownNow();
    }
}
