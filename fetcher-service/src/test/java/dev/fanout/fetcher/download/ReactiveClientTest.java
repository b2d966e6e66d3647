package dev.fanout.fetcher.download;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Which event loop a reactive request runs on: a call's own loop when it is on one (no hand-off per
 * result), and every loop in turn otherwise (not the one loop Vert.x keeps handing the same thread).
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

    private static Thread threadOf(Context context) throws Exception {
        CompletableFuture<Thread> thread = new CompletableFuture<>();
        context.runOnContext(onTheLoop -> thread.complete(Thread.currentThread()));
        return thread.get(10, TimeUnit.SECONDS);
    }
}
