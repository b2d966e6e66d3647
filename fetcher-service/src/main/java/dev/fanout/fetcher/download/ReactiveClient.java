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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The reactive mode's HTTP clients, one per event loop, and the event loop each request runs on.
 *
 * <p>A client per event loop, so that a request runs on a connection of its own loop: Vert.x's pool
 * lends any idle connection to any caller (the one that answered last), and a connection made on
 * another loop hands every event of the request over to the caller's loop, a task and a wake-up each.
 * With one client for all loops, which loops a call's pooled connections were on decided its cost:
 * the same build measured 57 and 130 us of CPU per URL in one run. A pool only its own loop uses makes
 * every connection on that loop, where its requests run.
 *
 * <p>Vert.x core's client rather than WebClient: WebClient's codecs aggregate the body, while the core
 * client hands over each buffer, and its {@code RequestOptions.setServer} connects to the SSRF-checked
 * address while Host and SNI keep the name.
 */
final class ReactiveClient implements AutoCloseable {

    private final DownloadSettings settings;
    private final Vertx vertx;
    /** Each event loop's client, keyed by the loop's thread; made on the loop's first request. */
    private final Map<Thread, HttpClient> clients = new ConcurrentHashMap<>();
    private final List<Context> eventLoops;
    private final AtomicInteger nextEventLoop = new AtomicInteger();

    ReactiveClient(DownloadSettings settings, Vertx vertx) {
        this.settings = settings;
        this.vertx = vertx;
        this.eventLoops = eventLoopContexts(vertx);
    }

    /** A client with its own pool of at most max-connections-per-host connections to each origin. */
    private HttpClient newClient() {
        HttpClient client = vertx.createHttpClient(new HttpClientOptions()
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
        client.connectionHandler(connection -> connection.exceptionHandler(reportedOnTheRequest -> { }));
        return client;
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

    /** A request on a connection of this event loop's pool; call it on the event loop the request is to run on. */
    Future<HttpClientRequest> request(RequestOptions options) {
        if (!Context.isOnEventLoopThread()) {
            throw new IllegalStateException("a reactive request starts on an event loop (see eventLoop()), not on "
                    + Thread.currentThread().getName());
        }
        return clients.computeIfAbsent(Thread.currentThread(), loop -> newClient()).request(options);
    }

    @Override
    public void close() {
        clients.values().forEach(HttpClient::close);
    }
}
