package dev.fanout.fetcher;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.v1.FetchEvent;
import dev.fanout.v1.FetchMode;
import dev.fanout.v1.FetchRequest;
import dev.fanout.v1.FetcherGrpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.time.Duration;
import java.util.Collections;
import java.util.concurrent.CompletableFuture;
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
        stopsEveryDownload(mode, true);
    }

    @ParameterizedTest
    @EnumSource(value = FetchMode.class, names = {"FETCH_MODE_THREADS", "FETCH_MODE_VIRTUAL_THREADS", "FETCH_MODE_REACTIVE"})
    void aClientCancelClosesEveryDownload(FetchMode mode) throws Exception {
        stopsEveryDownload(mode, false);
    }

    /**
     * Starts URLS slow downloads, then lets the deadline pass or cancels once all are in flight.
     * Every response the origin started must then be closed by the fetcher long before its end.
     */
    private static void stopsEveryDownload(FetchMode mode, boolean byDeadline) throws Exception {
        long startedBefore = stat("started");
        long abandonedBefore = stat("abandoned");
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", RestAssured.port).usePlaintext().build();
        try {
            CompletableFuture<Throwable> ended = new CompletableFuture<>();
            ClientCallStreamObserver<?>[] call = new ClientCallStreamObserver<?>[1];
            FetcherGrpc.newStub(channel).withDeadlineAfter(byDeadline ? 5 : 60, TimeUnit.SECONDS)
                    .fetch(slowRequest(mode), new ClientResponseObserver<FetchRequest, FetchEvent>() {
                        @Override
                        public void beforeStart(ClientCallStreamObserver<FetchRequest> requestStream) {
                            call[0] = requestStream;
                        }

                        @Override
                        public void onNext(FetchEvent value) {
                        }

                        @Override
                        public void onError(Throwable t) {
                            ended.complete(t);
                        }

                        @Override
                        public void onCompleted() {
                            ended.complete(null);
                        }
                    });
            if (byDeadline) {
                assertEquals(Status.Code.DEADLINE_EXCEEDED,
                        Status.fromThrowable(ended.get(30, TimeUnit.SECONDS)).getCode());
            } else {
                awaitStat("inFlight", n -> n == URLS, 30); // every download is under way
                call[0].cancel("the user pressed Ctrl-C", null);
            }
            awaitStat("inFlight", n -> n == 0, 10);
            long started = stat("started") - startedBefore;
            assertTrue(started > 0, "no download had started");
            assertEquals(started, stat("abandoned") - abandonedBefore, "every started response was cut short");
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /** URLS downloads that each take 30 s, all in flight at once. */
    private static FetchRequest slowRequest(FetchMode mode) {
        String drip = "http://127.0.0.1:" + RestAssured.port + "/origin/drip/300/every/100";
        return FetchCalls.request(mode, URLS, Duration.ofSeconds(60), Collections.nCopies(URLS, drip));
    }

    private static long stat(String name) {
        return given().get("/origin/stats").then().statusCode(200).extract().jsonPath().getLong(name);
    }

    /** Waits for the origin's counter; generous limits, as a loaded CI machine is slow (downloads take 30 s). */
    private static void awaitStat(String name, IntPredicate condition, int seconds) {
        await(name).atMost(Duration.ofSeconds(seconds)).pollInterval(Duration.ofMillis(20))
                .until(() -> stat(name), value -> condition.test(value.intValue()));
    }
}
