package dev.fanout.fetcher.download;

import dev.fanout.v1.FetchResult;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.time.Duration;

/**
 * Downloads one URL without blocking a thread: Mutiny over the Vert.x HTTP client. This class is the
 * outer stage: the per-URL timeout, retries of transient failures, and redirects (each hop resolved and
 * checked again); each request is a {@link ReactiveExchange} on the {@link ReactiveClient}, its body
 * read by {@link ReactiveBody}. Cancelling the returned Uni (the call was cancelled, the per-URL
 * timeout passed) resets the request in flight, which closes its connection at once.
 */
public final class ReactiveDownloader implements AutoCloseable {

    private final DownloadSettings settings;
    private final TargetResolver resolver;
    private final Vertx vertx;
    private final ReactiveClient client;

    public ReactiveDownloader(DownloadSettings settings, TargetResolver resolver, Vertx vertx) {
        this.settings = settings;
        this.resolver = resolver;
        this.vertx = vertx;
        this.client = new ReactiveClient(settings, vertx);
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
                .chain(address -> ReactiveExchange.of(client, target, address, progress))
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

    /** The event loop a call's downloads start on: the caller's when it is on one (see {@link ReactiveClient#eventLoop}). */
    public Context eventLoop() {
        return client.eventLoop();
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
