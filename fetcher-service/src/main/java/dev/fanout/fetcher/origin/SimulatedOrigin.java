package dev.fanout.fetcher.origin;

import io.netty.buffer.Unpooled;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Slow test sites under /origin, all non-blocking (Vert.x timers and back-pressured writes, never a
 * sleeping thread), so tens of thousands of slow requests cost only memory:
 * <ul>
 * <li>{@code /origin/delay/{ms}/bytes/{n}}: waits, then sends n bytes (see {@link OriginBody}); n above
 * {@code fanout.fetcher.origin.max-body-size} is answered 400, so the origin cannot be turned into a
 * generator of endless traffic;</li>
 * <li>{@code /origin/status/{code}}: answers with that status;</li>
 * <li>{@code /origin/redirect/{k}}: k redirect hops, then 200;</li>
 * <li>{@code /origin/redirect-to?url=U}: one redirect to U;</li>
 * <li>{@code /origin/drip/{chunks}/every/{ms}}: a 1 KiB chunk every ms milliseconds;</li>
 * <li>{@code /origin/flaky/{key}/{failures}}: 503 for the first {@code failures} requests of a key, then 200;</li>
 * <li>{@code /origin/stats}: responses in flight (and the most at once), started, closed by the client
 * before their end, and the client connections they came on.</li>
 * </ul>
 */
public final class SimulatedOrigin {

    private static final int DRIP_CHUNK = 1024;
    private static final long MAX_DELAY_MS = 600_000;
    private static final long WRITE_PER_TURN = 4 * OriginBody.DIRECT_BLOCK_SIZE;

    private final Vertx vertx;
    private final long maxBodySize;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger peakInFlight = new AtomicInteger();
    /** Connections requests came on; weak, so closed ones go with the garbage. Shows keep-alive and pool limits. */
    private final Set<HttpConnection> seenConnections = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));
    private final AtomicLong connections = new AtomicLong();
    private final AtomicLong started = new AtomicLong();
    private final AtomicLong abandoned = new AtomicLong();
    private final Map<String, AtomicInteger> flakyHits = new ConcurrentHashMap<>();

    public SimulatedOrigin(Vertx vertx, long maxBodySize) {
        this.vertx = vertx;
        this.maxBodySize = maxBodySize;
    }

    public void install(Router router) {
        router.get("/origin/delay/:ms/bytes/:n").handler(this::delayedBytes);
        router.get("/origin/status/:code").handler(this::status);
        router.get("/origin/redirect/:hops").handler(this::redirectHops);
        router.get("/origin/redirect-to").handler(this::redirectTo);
        router.get("/origin/drip/:chunks/every/:ms").handler(this::drip);
        router.get("/origin/flaky/:key/:failures").handler(this::flaky);
        router.get("/origin/stats").handler(ctx -> ctx.json(new JsonObject()
                .put("inFlight", inFlight.get()).put("peakInFlight", peakInFlight.get()).put("started", started.get())
                .put("abandoned", abandoned.get()).put("connections", connections.get())));
    }

    private void delayedBytes(RoutingContext ctx) {
        long delay = number(ctx, "ms", 0, MAX_DELAY_MS);
        long size = number(ctx, "n", 0, Long.MAX_VALUE);
        if (delay < 0 || size < 0) {
            return;
        }
        if (size > maxBodySize) {
            ctx.response().setStatusCode(400).end("n is " + size + " bytes; this origin sends at most " + maxBodySize
                    + " (fanout.fetcher.origin.max-body-size)\n");
            return;
        }
        Tracked tracked = track(ctx);
        HttpServerResponse response = ctx.response().putHeader("Content-Type", "application/octet-stream")
                .putHeader("Content-Length", Long.toString(size));
        tracked.timer = vertx.setTimer(Math.max(1, delay), id -> send(response, tracked, size));
    }

    /**
     * Writes {@code remaining} body bytes as fast as the client reads them, then ends. At most
     * {@link #WRITE_PER_TURN} bytes (about 4 MiB) per turn of the event loop: a client that reads as
     * fast as the loop writes would otherwise keep it here, and every timer and close of the loop's
     * other connections (a drip's next chunk, a cancelled download) waiting.
     */
    private void send(HttpServerResponse response, Tracked tracked, long remaining) {
        long left = remaining;
        long turn = WRITE_PER_TURN;
        while (left > 0 && turn > 0 && !response.writeQueueFull() && !gone(response, tracked)) {
            int length = (int) Math.min(left, OriginBody.DIRECT_BLOCK_SIZE);
            response.write(Buffer.buffer(OriginBody.directBlock(length)));
            left -= length;
            turn -= length;
        }
        if (gone(response, tracked)) {
            return;
        }
        if (left == 0) {
            response.end();
            return;
        }
        long rest = left;
        if (response.writeQueueFull()) {
            response.drainHandler(drained -> send(response, tracked, rest));
        } else {
            vertx.runOnContext(nextTurn -> send(response, tracked, rest));
        }
    }

    /** The client went away: its close handler ran, or the connection is closed and it will. */
    private static boolean gone(HttpServerResponse response, Tracked tracked) {
        return tracked.closed || response.closed();
    }

    private void status(RoutingContext ctx) {
        long code = number(ctx, "code", 100, 599);
        if (code < 0) {
            return;
        }
        track(ctx);
        ctx.response().setStatusCode((int) code).end("status " + code + "\n");
    }

    private void redirectHops(RoutingContext ctx) {
        long hops = number(ctx, "hops", 0, 1000);
        if (hops < 0) {
            return;
        }
        track(ctx);
        if (hops == 0) {
            ctx.response().end("redirected\n");
        } else {
            ctx.response().setStatusCode(302).putHeader("Location", "/origin/redirect/" + (hops - 1)).end();
        }
    }

    private void redirectTo(RoutingContext ctx) {
        String url = ctx.request().getParam("url");
        if (url == null || url.isBlank()) {
            ctx.response().setStatusCode(400).end("add ?url=<where to redirect>\n");
            return;
        }
        track(ctx);
        ctx.response().setStatusCode(302).putHeader("Location", url).end();
    }

    private void drip(RoutingContext ctx) {
        long chunks = number(ctx, "chunks", 0, 100_000);
        long every = number(ctx, "ms", 1, MAX_DELAY_MS);
        if (chunks < 0 || every < 0) {
            return;
        }
        Tracked tracked = track(ctx);
        HttpServerResponse response = ctx.response().setChunked(true).putHeader("Content-Type", "application/octet-stream");
        long[] sent = {0};
        tracked.timer = vertx.setPeriodic(every, id -> {
            if (sent[0] == chunks) {
                vertx.cancelTimer(id);
                response.end();
                return;
            }
            // Each chunk continues the pattern, so the whole body equals /origin/delay/0/bytes/{chunks*1024}.
            int offset = (int) (sent[0] * DRIP_CHUNK % 26);
            response.write(Buffer.buffer(Unpooled.wrappedBuffer(OriginBody.BLOCK, offset, DRIP_CHUNK)));
            sent[0]++;
        });
    }

    private void flaky(RoutingContext ctx) {
        long failures = number(ctx, "failures", 0, 1000);
        if (failures < 0) {
            return;
        }
        track(ctx);
        int hit = flakyHits.computeIfAbsent(ctx.pathParam("key"), key -> new AtomicInteger()).incrementAndGet();
        if (hit <= failures) {
            ctx.response().setStatusCode(503).end("failure " + hit + " of " + failures + "\n");
        } else {
            ctx.response().end("ok after " + failures + " failures\n");
        }
    }

    /** Counts the response in flight until it ends or the client goes away. */
    private Tracked track(RoutingContext ctx) {
        Tracked tracked = new Tracked();
        started.incrementAndGet();
        peakInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        if (seenConnections.add(ctx.request().connection())) {
            connections.incrementAndGet();
        }
        HttpServerResponse response = ctx.response();
        // Vert.x calls the end handler also when the connection closes first: ended() tells them apart.
        response.endHandler(end -> tracked.finish(!response.ended()));
        response.closeHandler(closed -> tracked.finish(true));
        return tracked;
    }

    /** A path parameter in [min, max], or -1 after answering 400. */
    private static long number(RoutingContext ctx, String name, long min, long max) {
        try {
            long value = Long.parseLong(ctx.pathParam(name));
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        ctx.response().setStatusCode(400).end(name + " must be a number from " + min + " to " + max + "\n");
        return -1;
    }

    /** One response's bookkeeping. Touched on its connection's event loop only. */
    private final class Tracked {
        long timer = -1;
        boolean closed;
        private boolean finished;

        void finish(boolean closedEarly) {
            if (finished) {
                return;
            }
            finished = true;
            closed = closedEarly;
            inFlight.decrementAndGet();
            if (closedEarly) {
                abandoned.incrementAndGet();
                if (timer >= 0) {
                    vertx.cancelTimer(timer);
                }
            }
        }
    }
}
