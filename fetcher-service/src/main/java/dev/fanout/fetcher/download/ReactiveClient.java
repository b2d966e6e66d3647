package dev.fanout.fetcher.download;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The reactive mode's HTTP client: Vert.x core's client, tuned once, and the event loop each request
 * runs on.
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
     * One context per event loop, for requests started off the event loops (a request started on an
     * event loop stays on it).
     *
     * <p>Each context is made on a thread of its own: off Vert.x threads, getOrCreateContext() makes a
     * new context on the next event loop, but only once per thread; after that the thread keeps getting
     * its first one (Vert.x's "sticky" context), and every request ran on one loop, one core.
     */
    private static List<Context> eventLoopContexts(Vertx vertx) {
        int loops = 2 * Runtime.getRuntime().availableProcessors(); // Vert.x's default event loop count
        Context[] contexts = new Context[loops];
        for (int i = 0; i < loops; i++) {
            int slot = i;
            Thread creator = Thread.ofPlatform().start(() -> contexts[slot] = vertx.getOrCreateContext());
            try {
                creator.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting the reactive client", e);
            }
        }
        return List.of(contexts);
    }

    /**
     * The event loop a request runs on: the caller's own when it is on one, else the next in turn. A
     * call's requests are started on the loop of its gRPC connection and then on the loops where earlier
     * ones completed, so a call stays on its connection's loop: each result reaches the answer's stream
     * on the thread that writes it, with no hand-off and wake-up per result (which cost a third more
     * CPU per URL, measured), and callers on other connections run on other loops. Off the event loops
     * (a retry after its delay, a caller on a worker), requests are dealt round robin.
     */
    Context eventLoop() {
        Context caller = Vertx.currentContext();
        if (caller != null && caller.isEventLoopContext()) {
            return caller;
        }
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
