package dev.fanout.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.compute.kernel.ClosedForm;
import dev.fanout.runtime.testing.ServedAppTest;
import dev.fanout.v1.ComputeGrpc;
import dev.fanout.v1.ComputeMode;
import dev.fanout.v1.SumOfSquaresRequest;
import dev.fanout.v1.SumOfSquaresResponse;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Many users on one HTTP/2 connection, a third of their calls cancelled about when they finish: the
 * connection stays up and every other call is answered exactly. Before the server dropped what a
 * call wrote after its caller had reset it (CallContexts), an answer written on a just-reset stream
 * made the server tear the whole connection down (GOAWAY PROTOCOL_ERROR), failing every call on it.
 */
@QuarkusTest
class SharedConnectionCancelTest extends ServedAppTest {

    private static final int USERS = 8;
    private static final int CALLS_PER_USER = 150;

    @Test
    void cancelledCallsNeverFailTheOtherCallsOnTheirConnection() throws Exception {
        ScheduledExecutorService cancels = Executors.newSingleThreadScheduledExecutor();
        Map<String, Integer> unexpected = new ConcurrentHashMap<>();
        AtomicReference<ConnectivityState> worst = new AtomicReference<>(ConnectivityState.READY);
        try {
            List<Thread> users = new ArrayList<>();
            for (int user = 0; user < USERS; user++) {
                Thread thread = Thread.ofPlatform().start(() -> {
                    for (int call = 0; call < CALLS_PER_USER; call++) {
                        long end = 100_000L * (1 + call % 40);
                        boolean cancel = call % 3 == 0;
                        ComputeMode mode = call % 2 == 0 ? ComputeMode.COMPUTE_MODE_SINGLE : ComputeMode.COMPUTE_MODE_CORES;
                        Outcome outcome = call(channel, cancels, end, mode, cancel ? call % 5 : -1);
                        boolean expected = outcome.status().isOk()
                                ? outcome.sum().equals(ClosedForm.sumOfSquares(0, end).toString())
                                : cancel && outcome.status().getCode() == Status.Code.CANCELLED;
                        if (!expected) {
                            unexpected.merge(outcome.status().getCode() + " " + outcome.status().getDescription(), 1, Integer::sum);
                        }
                        if (channel.getState(false) == ConnectivityState.TRANSIENT_FAILURE
                                || channel.getState(false) == ConnectivityState.IDLE) {
                            worst.set(channel.getState(false));
                        }
                    }
                });
                users.add(thread);
            }
            for (Thread user : users) {
                user.join();
            }
        } finally {
            cancels.shutdownNow();
        }
        assertTrue(unexpected.isEmpty(), "calls that failed, came back wrong or ended otherwise than cancelled: " + unexpected);
        assertEquals(ConnectivityState.READY, worst.get(), "the shared connection was dropped");
    }

    private record Outcome(Status status, String sum) {
    }

    /** One unary call, cancelled {@code cancelAfterMillis} after it starts (none when negative). */
    private static Outcome call(ManagedChannel channel, ScheduledExecutorService cancels, long end, ComputeMode mode,
            int cancelAfterMillis) {
        ClientCall<SumOfSquaresRequest, SumOfSquaresResponse> call = channel.newCall(ComputeGrpc.getSumOfSquaresMethod(),
                CallOptions.DEFAULT.withDeadlineAfter(1, TimeUnit.MINUTES));
        CompletableFuture<Outcome> done = new CompletableFuture<>();
        AtomicReference<String> sum = new AtomicReference<>("");
        call.start(new ClientCall.Listener<>() {
            @Override
            public void onMessage(SumOfSquaresResponse message) {
                sum.set(message.getSum());
            }

            @Override
            public void onClose(Status status, Metadata trailers) {
                done.complete(new Outcome(status, sum.get()));
            }
        }, new Metadata());
        call.request(1);
        call.sendMessage(SumOfSquaresRequest.newBuilder().setStart(0).setEnd(end).setMode(mode).build());
        call.halfClose();
        if (cancelAfterMillis >= 0) {
            cancels.schedule(() -> call.cancel("the user stopped it", null), cancelAfterMillis, TimeUnit.MILLISECONDS);
        }
        return done.join();
    }
}
