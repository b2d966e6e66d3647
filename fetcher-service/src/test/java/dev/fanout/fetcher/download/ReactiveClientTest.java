package dev.fanout.fetcher.download;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Which event loop a reactive request runs on: a call's own loop when it is on one (no hand-off per
 * result), and every loop in turn otherwise (not the one loop Vert.x keeps handing the same thread);
 * and that it runs on a connection of that loop.
 */
class ReactiveClientTest {

    private final Vertx vertx = Vertx.vertx();
    private final ReactiveClient client = new ReactiveClient(new DownloadSettings(Duration.ofSeconds(1), Duration.ofSeconds(10),
            1024, 0, 10, new RetryPolicy(0, Duration.ZERO), "test"), vertx);

    @AfterEach
    void close() throws Exception {
        client.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void requestsFromOffTheLoopsAreDealtOverEveryEventLoop() throws Exception {
        int loops = 2 * Runtime.getRuntime().availableProcessors(); // Vert.x's default
        Set<Thread> threads = new HashSet<>();
        for (int i = 0; i < 2 * loops; i++) {
            threads.add(threadOf(client.eventLoop()));
        }
        assertEquals(loops, threads.size(), "event loop threads that ran " + 2 * loops + " requests: " + threads);
    }

    @Test
    void aCallerOnAnEventLoopKeepsItsRequestsOnIt() throws Exception {
        Context callers = vertx.getOrCreateContext();
        CompletableFuture<Context> chosen = new CompletableFuture<>();
        callers.runOnContext(onTheLoop -> chosen.complete(client.eventLoop()));
        assertSame(callers, chosen.get(10, TimeUnit.SECONDS));
    }

    @Test
    void aCallerOnAWorkerGetsAnEventLoop() throws Exception {
        CompletableFuture<Context> chosen = new CompletableFuture<>();
        vertx.executeBlocking(() -> chosen.complete(client.eventLoop()), false);
        assertTrue(chosen.get(10, TimeUnit.SECONDS).isEventLoopContext());
    }

    @Test
    void aRequestRunsOnAConnectionOfItsOwnEventLoop() throws Exception {
        HttpServer origin = vertx.createHttpServer().requestHandler(request -> request.response().end("ok"))
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        Context first = client.eventLoop();
        Context second = client.eventLoop();
        assertNotSame(threadOf(first), threadOf(second), "two loops");
        RequestOptions get = new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1")
                .setPort(origin.actualPort()).setURI("/");
        int firstsConnection = localPortOfOneRequest(first, get);
        // The first loop's connection is idle in a pool now: a shared pool would lend it to the second loop.
        int secondsConnection = localPortOfOneRequest(second, get);
        assertNotEquals(firstsConnection, secondsConnection, "the second loop's request went on the first loop's connection");
        assertEquals(firstsConnection, localPortOfOneRequest(first, get), "a loop reuses its own idle connection");
    }

    @Test
    void aRequestOffTheEventLoopsIsRefused() {
        assertThrows(IllegalStateException.class, () -> client.request(new RequestOptions()));
    }

    /** The local port of the connection a request started on {@code loop} went on, once its answer is read. */
    private int localPortOfOneRequest(Context loop, RequestOptions options) throws Exception {
        CompletableFuture<Integer> port = new CompletableFuture<>();
        loop.runOnContext(start -> client.request(options).onComplete(requested -> {
            if (requested.failed()) {
                port.completeExceptionally(requested.cause());
                return;
            }
            int local = requested.result().connection().localAddress().port();
            requested.result().send().compose(response -> response.body()).onComplete(body -> {
                if (body.succeeded() && body.result().toString().equals("ok")) {
                    port.complete(local);
                } else {
                    port.completeExceptionally(new AssertionError("no answer: " + body.cause()));
                }
            });
        }));
        return port.get(10, TimeUnit.SECONDS);
    }

    private static Thread threadOf(Context context) throws Exception {
        CompletableFuture<Thread> thread = new CompletableFuture<>();
        context.runOnContext(onTheLoop -> thread.complete(Thread.currentThread()));
        return thread.get(10, TimeUnit.SECONDS);
    }
}
