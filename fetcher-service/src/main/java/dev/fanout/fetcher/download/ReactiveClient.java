package dev.fanout.fetcher.download;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The reactive mode's HTTP client: Vert.x core's client, tuned once, and the event loops its requests
 * are dealt over.
 *
 * <p>Vert.x core's client rather than WebClient: WebClient's codecs aggregate the body, while the core
 * client hands over each buffer, and its {@code RequestOptions.setServer} connects to the SSRF-checked
 * address while Host and SNI keep the name.
 */
final class ReactiveClient implements AutoCloseable {

    private final HttpClient client;
    private final List<Context> eventLoops;
    private final AtomicInteger nextEventLoop = new AtomicInteger();

    ReactiveClient(DownloadSettings settings, Vertx vertx) {
        this.client = vertx.createHttpClient(new HttpClientOptions()
                        .setConnectTimeout((int) settings.connectTimeout().toMillis())
                        .setKeepAlive(true)
                        .setTryUseCompression(false)
                        .setMaxChunkSize(64 * 1024) // fewer, larger body buffers than the 8 KiB default
                        // Netty's guards while a head is read (its header size is a total, default 8 KiB);
                        // the exact, shared limit is checked on the parsed head (ResponseHeadLimits).
                        .setMaxHeaderSize(ResponseHeadLimits.PARSER_GUARD)
                        .setMaxInitialLineLength(ResponseHeadLimits.PARSER_GUARD)
                        .setForceSni(true)
                        .setVerifyHost(true)
                        .setDefaultHost("localhost"),
                new PoolOptions().setHttp1MaxSize(settings.maxConnectionsPerHost()).setMaxWaitQueueSize(-1));
        // A connection's failure (reset, garbage, a head over the limits) is already reported on its
        // request as that URL's failed result; unhandled, Vert.x would also log each one at ERROR,
        // one line per misbehaving origin.
        this.client.connectionHandler(connection -> connection.exceptionHandler(reportedOnTheRequest -> { }));
        this.eventLoops = eventLoopContexts(vertx);
    }

    /**
     * One context per event loop. A request started on an event loop stays on it, so without this
     * a whole call would run on the one loop that received it; requests are dealt round robin.
     */
    private static List<Context> eventLoopContexts(Vertx vertx) {
        int loops = 2 * Runtime.getRuntime().availableProcessors(); // Vert.x's default event loop count
        List<Context> contexts = new ArrayList<>();
        // Off Vert.x threads, getOrCreateContext() makes a new context on the next event loop.
        Thread creator = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < loops; i++) {
                contexts.add(vertx.getOrCreateContext());
            }
        });
        try {
            creator.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the reactive client", e);
        }
        return List.copyOf(contexts);
    }

    /** The event loop the next request runs on. */
    Context nextEventLoop() {
        return eventLoops.get(Math.floorMod(nextEventLoop.getAndIncrement(), eventLoops.size()));
    }

    /** A request on a pooled connection; call it on the event loop the request is to run on. */
    Future<HttpClientRequest> request(RequestOptions options) {
        return client.request(options);
    }

    @Override
    public void close() {
        client.close();
    }
}
