package dev.fanout.fetcher.download;

import dev.fanout.v1.FetchResult;
import io.netty.buffer.ByteBuf;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Downloads one URL without blocking a thread: Mutiny over the Vert.x HTTP client, the body digested
 * buffer by buffer on the event loop. Cancelling the returned Uni (the call was cancelled, the
 * per-URL timeout passed) resets the request, which closes its connection at once.
 *
 * <p>It uses Vert.x core's client rather than WebClient: WebClient's codecs aggregate the body, while
 * the core client hands over each buffer, and its {@code RequestOptions.setServer} connects to the
 * SSRF-checked address while Host and SNI keep the name.
 */
public final class ReactiveDownloader implements AutoCloseable {

    private final DownloadSettings settings;
    private final TargetResolver resolver;
    private final Vertx vertx;
    private final HttpClient client;
    private final List<Context> eventLoops;
    private final AtomicInteger nextEventLoop = new AtomicInteger();

    public ReactiveDownloader(DownloadSettings settings, TargetResolver resolver, Vertx vertx) {
        this.settings = settings;
        this.resolver = resolver;
        this.vertx = vertx;
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

    /** Downloads {@code url} within {@code timeout}; never fails: every failure is a failed result. */
    public Uni<FetchResult> fetch(int index, String url, Duration timeout) {
        return Uni.createFrom().deferred(() -> {
            UrlProgress progress = new UrlProgress(index, url, settings.fetchedBy(), settings.maxBodySize());
            FetchTarget requested;
            try {
                requested = FetchTarget.parse(url);
            } catch (FetchFailure failure) {
                return Uni.createFrom().item(progress.failed(failure));
            }
            return attemptWithRetries(requested, progress)
                    .ifNoItem().after(timeout).failWith(() -> Failures.timeout(timeout))
                    .onFailure().recoverWithItem(thrown -> progress.failed(Failures.classify(thrown, requested)));
        });
    }

    private Uni<FetchResult> attemptWithRetries(FetchTarget requested, UrlProgress progress) {
        return Uni.createFrom().deferred(() -> {
            progress.startAttempt();
            return follow(requested, progress);
        }).onFailure(FetchFailure.class).recoverWithUni(thrown -> {
            Duration delay = settings.retry().nextDelay((FetchFailure) thrown, progress.attempts());
            if (delay == null) {
                return Uni.createFrom().failure(thrown);
            }
            return Uni.createFrom().voidItem().onItem().delayIt().by(delay)
                    .chain(() -> attemptWithRetries(requested, progress));
        });
    }

    /** One request; a redirect continues with the next hop, which is resolved and checked again. */
    private Uni<FetchResult> follow(FetchTarget target, UrlProgress progress) {
        return resolve(target)
                .chain(address -> exchange(target, address, progress))
                .chain(location -> {
                    try {
                        if (location == null) {
                            return Uni.createFrom().item(progress.completed());
                        }
                        FetchTarget next = target.redirect(location);
                        if (!progress.redirectTo(next.uri().toString(), settings.maxRedirects())) {
                            throw Failures.tooManyRedirects(settings.maxRedirects());
                        }
                        return follow(next, progress);
                    } catch (FetchFailure failure) {
                        return Uni.createFrom().failure(failure);
                    }
                });
    }

    /** Literal addresses are checked in place; names are looked up on a worker, never on the event loop. */
    private Uni<InetAddress> resolve(FetchTarget target) {
        if (TargetResolver.isLiteral(target)) {
            return Uni.createFrom().item(() -> {
                try {
                    return resolver.resolve(target);
                } catch (FetchFailure failure) {
                    throw new CarriedFailure(failure);
                }
            }).onFailure(CarriedFailure.class).transform(Throwable::getCause);
        }
        return Uni.createFrom().completionStage(() -> vertx.<InetAddress>executeBlocking(() -> resolver.resolve(target), false)
                .toCompletionStage());
    }

    /**
     * Sends the GET and consumes the response: the Location of a redirect (its body discarded), or
     * null once the final body was digested into {@code progress}.
     */
    private Uni<String> exchange(FetchTarget target, InetAddress address, UrlProgress progress) {
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
            AtomicBoolean done = new AtomicBoolean();
            HttpClientRequest[] sent = new HttpClientRequest[1];
            emitter.onTermination(() -> {
                if (done.compareAndSet(false, true) && sent[0] != null) {
                    sent[0].reset(); // cancelled or timed out: close the connection, stop the body
                }
            });
            Context context = eventLoops.get(Math.floorMod(nextEventLoop.getAndIncrement(), eventLoops.size()));
            context.runOnContext(start -> client.request(options).onComplete(requested -> {
                if (requested.failed()) {
                    done.set(true);
                    emitter.fail(Failures.classify(requested.cause(), target));
                    return;
                }
                HttpClientRequest request = requested.result();
                // Without a handler Vert.x logs every failure of the request as an ERROR, also the
                // "Stream reset" of our own reset() when the call is cancelled: that one is expected.
                request.exceptionHandler(error -> {
                    if (done.compareAndSet(false, true)) {
                        emitter.fail(Failures.classify(error, target));
                    }
                });
                sent[0] = request;
                if (done.get()) {
                    request.reset();
                    return;
                }
                request.send().onComplete(answered -> {
                    if (answered.failed()) {
                        if (done.compareAndSet(false, true)) {
                            emitter.fail(Failures.classify(answered.cause(), target));
                        }
                        return;
                    }
                    var response = answered.result();
                    ResponseHeadLimits.Tally head = new ResponseHeadLimits.Tally(response.statusMessage());
                    response.headers().forEach(header -> head.header(header.getKey(), header.getValue()));
                    try {
                        head.check(target);
                    } catch (FetchFailure overLimit) {
                        if (done.compareAndSet(false, true)) {
                            response.exceptionHandler(ourOwnReset -> { }); // the reset below is not news
                            request.reset(); // drop the connection rather than read the body
                            emitter.fail(overLimit);
                        }
                        return;
                    }
                    int status = response.statusCode();
                    String location = response.getHeader("Location");
                    response.exceptionHandler(error -> {
                        if (done.compareAndSet(false, true)) {
                            emitter.fail(Failures.classify(error, target));
                        }
                    });
                    if (Redirects.isRedirect(status, location)) {
                        progress.responseStatus(status);
                        response.endHandler(end -> {
                            if (done.compareAndSet(false, true)) {
                                emitter.complete(location);
                            }
                        });
                        return;
                    }
                    BodyDigest body = progress.finalResponse(status);
                    HandOver handOver = new HandOver(context, response);
                    Runnable complete = () -> {
                        if (body.bytes() < BodyDigest.HAND_OVER_AFTER) {
                            emitter.complete(null); // hashed in place
                        } else { // once the hashing thread is done, back on this event loop
                            body.whenHashed(() -> context.runOnContext(hashed -> emitter.complete(null)));
                        }
                    };
                    response.handler(buffer -> {
                        progress.firstByte();
                        boolean within = body.bytes() < BodyDigest.HAND_OVER_AFTER ? digest(body, buffer)
                                : handOver.digest(body, buffer);
                        if (!within && done.compareAndSet(false, true)) {
                            request.reset(); // over the size cap: stop reading
                            complete.run();
                        }
                    });
                    response.endHandler(end -> {
                        if (done.compareAndSet(false, true)) {
                            complete.run();
                        }
                    });
                });
            }));
        });
    }

    private static boolean digest(BodyDigest body, Buffer buffer) {
        ByteBuf bytes = buffer.getByteBuf();
        for (ByteBuffer chunk : bytes.nioBuffers()) {
            if (!body.update(chunk)) {
                return false;
            }
        }
        return true;
    }

    /**
     * A large body's buffers go to its digest's hashing thread (see {@link BodyDigest#handOver}), so
     * the event loop reads on while they are hashed; the response pauses while more than
     * {@link #HIGH_WATER} bytes wait, and resumes at {@link #LOW_WATER}, so the heap stays flat.
     * Vert.x hands each buffer over as a copy of its own, which may be kept until hashed.
     *
     * <p>Hashing is slower than reading, so a body goes through pause and resume cycles of
     * HIGH_WATER - LOW_WATER bytes, each costing a wake-up of the event loop from the hashing thread:
     * 2 MiB cycles keep those to 512 per GiB, and the 2 MiB still waiting at a resume keep the hasher
     * busy until the event loop reads again (with less, it ran dry and exited, one more wake-up).
     */
    private static final class HandOver {
        private static final long HIGH_WATER = 4 * 1024 * 1024;
        private static final long LOW_WATER = 2 * 1024 * 1024;

        private final Context context;
        private final HttpClientResponse response;
        private final AtomicLong waiting = new AtomicLong();
        private final AtomicBoolean resumeAsked = new AtomicBoolean();
        private volatile boolean paused;

        HandOver(Context context, HttpClientResponse response) {
            this.context = context;
            this.response = response;
        }

        /** On the event loop. */
        boolean digest(BodyDigest body, Buffer buffer) {
            int length = buffer.length();
            waiting.addAndGet(length);
            boolean within = body.handOver(() -> hashed(length), buffer.getByteBuf().nioBuffers());
            if (waiting.get() > HIGH_WATER && !paused) {
                paused = true;
                response.pause();
                resumeIfDrained(); // the hasher may have drained it before it could see paused
            }
            return within;
        }

        /** On the hashing thread: asks the event loop to resume once per pause, not once per buffer. */
        private void hashed(int length) {
            if (waiting.addAndGet(-length) <= LOW_WATER && paused && resumeAsked.compareAndSet(false, true)) {
                context.runOnContext(drained -> {
                    resumeAsked.set(false);
                    resumeIfDrained();
                });
            }
        }

        /** On the event loop. */
        private void resumeIfDrained() {
            if (paused && waiting.get() <= LOW_WATER) {
                paused = false;
                response.resume();
            }
        }
    }

    @Override
    public void close() {
        client.close();
    }

    /** Carries a checked failure out of a Mutiny supplier. */
    private static final class CarriedFailure extends RuntimeException {
        CarriedFailure(FetchFailure failure) {
            super(failure.getMessage(), failure, false, false);
        }
    }
}
