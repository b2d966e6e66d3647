package dev.fanout.fetcher.download;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One GET and its response on the reactive client, in stages on one event loop: {@link #send} the
 * request, check its {@link #head}, then hand the body to {@link ReactiveBody}. It settles once, with
 * the first of: a redirect's Location (its body discarded), null once the final body was digested
 * into the URL's progress, or a failure. Cancelling the Uni (the call was cancelled, the per-URL
 * timeout passed) resets the request, which closes its connection and stops the body at once.
 */
final class ReactiveExchange {

    private final FetchTarget target;
    private final UrlProgress progress;
    private final Context eventLoop;
    private final UniEmitter<? super String> emitter;
    private final AtomicBoolean settled = new AtomicBoolean();
    private volatile HttpClientRequest request;

    private ReactiveExchange(FetchTarget target, UrlProgress progress, Context eventLoop, UniEmitter<? super String> emitter) {
        this.target = target;
        this.progress = progress;
        this.eventLoop = eventLoop;
        this.emitter = emitter;
    }

    /** The exchange with {@code target} at {@code address} (checked already), on the caller's event loop (see {@link ReactiveClient#eventLoop}). */
    static Uni<String> of(ReactiveClient client, FetchTarget target, InetAddress address, UrlProgress progress) {
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setServer(SocketAddress.inetSocketAddress(new InetSocketAddress(address, target.port())))
                .setHost(target.host())
                .setPort(target.port())
                .setSsl(target.https())
                .setURI(target.requestUri())
                .setFollowRedirects(false)
                // Vert.x would write Host as host:port from setHost, without an IPv6 literal's brackets
                .putHeader("Host", target.hostHeader())
                .putHeader("User-Agent", DownloadSettings.USER_AGENT);
        return Uni.createFrom().emitter(emitter -> {
            Context eventLoop = client.eventLoop();
            ReactiveExchange exchange = new ReactiveExchange(target, progress, eventLoop, emitter);
            emitter.onTermination(exchange::cancel);
            eventLoop.runOnContext(start -> client.request(options).onComplete(exchange::send));
        });
    }

    /** Stage 1: the request is on a connection; send it, unless the exchange was cancelled meanwhile. */
    private void send(AsyncResult<HttpClientRequest> requested) {
        if (requested.failed()) {
            fail(requested.cause());
            return;
        }
        HttpClientRequest sent = requested.result();
        // Without a handler Vert.x logs every failure of the request as an ERROR, also the
        // "Stream reset" of our own reset() when the call is cancelled: that one is expected.
        sent.exceptionHandler(this::fail);
        request = sent;
        if (settled.get()) { // cancelled before the request existed: cancel() could not reset it
            sent.reset();
            return;
        }
        sent.send().onComplete(this::head);
    }

    /** Stage 2: the head, within the limits; a redirect ends at its end, a final response goes on to its body. */
    private void head(AsyncResult<HttpClientResponse> answered) {
        if (answered.failed()) {
            fail(answered.cause());
            return;
        }
        HttpClientResponse response = answered.result();
        ResponseHeadLimits.Tally head = new ResponseHeadLimits.Tally(response.statusMessage());
        response.headers().forEach(header -> head.header(header.getKey(), header.getValue()));
        try {
            head.check(target);
        } catch (FetchFailure overLimit) {
            if (settle()) {
                response.exceptionHandler(ourOwnReset -> { }); // the reset below is not news
                request.reset(); // drop the connection rather than read the body
                emitter.fail(overLimit);
            }
            return;
        }
        response.exceptionHandler(this::fail);
        int status = response.statusCode();
        String location = response.getHeader("Location");
        if (Redirects.isRedirect(status, location)) {
            progress.responseStatus(status);
            response.endHandler(end -> {
                if (settle()) {
                    emitter.complete(location);
                }
            });
            return;
        }
        ReactiveBody.read(response, progress.finalResponse(status), progress, this);
    }

    Context eventLoop() {
        return eventLoop;
    }

    /** True for the one caller that settles the exchange; everyone after it does nothing. */
    boolean settle() {
        return settled.compareAndSet(false, true);
    }

    /** Stops reading: resets the request, which drops its connection. */
    void reset() {
        request.reset();
    }

    /** The final body was digested; settle with no Location (call after {@link #settle}). */
    void bodyDone() {
        emitter.complete(null);
    }

    private void fail(Throwable error) {
        if (settle()) {
            emitter.fail(Failures.classify(error, target));
        }
    }

    /**
     * Cancelled or timed out: close the connection, stop the body. On the request's event loop, in
     * turn with its body's end: a cancel from another thread (another call's, the caller's) that
     * lands just after the body ended would reset a connection the pool had already handed to
     * another request, and that URL, perhaps of another user's call, would fail "Connection was closed".
     */
    private void cancel() {
        eventLoop.runOnContext(onTheLoop -> {
            HttpClientRequest sent = request;
            if (settle() && sent != null) {
                sent.reset();
            }
        });
    }
}
