package dev.fanout.fetcher;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.v1.FetchEvent;
import dev.fanout.v1.FetchMode;
import dev.fanout.v1.FetchRequest;
import dev.fanout.v1.FetcherGrpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.util.Collections;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A cancelled call or an expired deadline stops the downloads in flight: the origin sees every
 * one of its slow responses closed by the fetcher well before it would have ended (10 s).
 */
@QuarkusTest
class FetchCancellationTest {

    private static final int URLS = 20;

    @ParameterizedTest
    @EnumSource(value = FetchMode.class, names = {"FETCH_MODE_THREADS", "FETCH_MODE_VIRTUAL_THREADS", "FETCH_MODE_REACTIVE"})
    void anExpiredDeadlineClosesEveryDownload(FetchMode mode) throws Exception {
        long abandonedBefore = stat("abandoned");
        try (FetchCalls calls = new FetchCalls("127.0.0.1", RestAssured.port)) {
            StatusRuntimeException error = assertThrows(StatusRuntimeException.class, () -> calls.stub()
                    .withDeadlineAfter(1500, TimeUnit.MILLISECONDS)
                    .fetch(slowRequest(mode)).forEachRemaining(event -> { }));
            assertEquals(Status.Code.DEADLINE_EXCEEDED, error.getStatus().getCode());
        }
        awaitStat("inFlight", n -> n == 0);
        assertEquals(URLS, stat("abandoned") - abandonedBefore);
    }

    @ParameterizedTest
    @EnumSource(value = FetchMode.class, names = {"FETCH_MODE_THREADS", "FETCH_MODE_VIRTUAL_THREADS", "FETCH_MODE_REACTIVE"})
    void aClientCancelClosesEveryDownload(FetchMode mode) throws Exception {
        long abandonedBefore = stat("abandoned");
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", RestAssured.port).usePlaintext().build();
        try {
            ClientCallStreamObserver<?>[] call = new ClientCallStreamObserver<?>[1];
            FetcherGrpc.newStub(channel).fetch(slowRequest(mode), new ClientResponseObserver<FetchRequest, FetchEvent>() {
                @Override
                public void beforeStart(ClientCallStreamObserver<FetchRequest> requestStream) {
                    call[0] = requestStream;
                }

                @Override
                public void onNext(FetchEvent value) {
                }

                @Override
                public void onError(Throwable t) {
                }

                @Override
                public void onCompleted() {
                }
            });
            awaitStat("inFlight", n -> n == URLS); // every download is under way
            call[0].cancel("the user pressed Ctrl-C", null);
            awaitStat("inFlight", n -> n == 0);
            assertEquals(URLS, stat("abandoned") - abandonedBefore);
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /** URLS downloads that each take 10 s, all in flight at once. */
    private static FetchRequest slowRequest(FetchMode mode) {
        String drip = "http://127.0.0.1:" + RestAssured.port + "/origin/drip/100/every/100";
        return FetchCalls.request(mode, URLS, java.time.Duration.ofSeconds(30), Collections.nCopies(URLS, drip));
    }

    private static long stat(String name) {
        return given().get("/origin/stats").then().statusCode(200).extract().jsonPath().getLong(name);
    }

    /** Polls the origin's counter for up to 3 s: "promptly". */
    private static void awaitStat(String name, IntPredicate condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        long value = stat(name);
        while (!condition.test((int) value) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            value = stat(name);
        }
        long last = value;
        assertTrue(condition.test((int) value), () -> name + " is still " + last);
    }
}
