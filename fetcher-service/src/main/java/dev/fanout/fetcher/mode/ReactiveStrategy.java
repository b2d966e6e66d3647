package dev.fanout.fetcher.mode;

import dev.fanout.fetcher.request.FetchPlan;
import dev.fanout.fetcher.download.ReactiveDownloader;
import dev.fanout.v1.FetchMode;
import dev.fanout.v1.FetchResult;
import io.smallrye.mutiny.Multi;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.inject.Singleton;

/** REACTIVE: non-blocking downloads, {@code concurrency} in flight through Mutiny's merge, no thread per request. */
@Singleton
public final class ReactiveStrategy implements FetchStrategy {

    private final ReactiveDownloader downloader;

    public ReactiveStrategy(ReactiveDownloader downloader) {
        this.downloader = downloader;
    }

    @Override
    public FetchMode mode() {
        return FetchMode.FETCH_MODE_REACTIVE;
    }

    /**
     * The call's downloads, started on one event loop: the caller's when it is on one (a gRPC call is),
     * else one the client deals the call. Each completion starts the next download on that loop, so
     * the whole call runs there, on that loop's connections: at most max-connections-per-host of them
     * to one origin, as in the blocking modes.
     */
    @Override
    public Multi<FetchResult> fetch(FetchPlan plan) {
        Multi<FetchResult> downloads = Multi.createFrom().range(0, plan.urls().size())
                .onItem().transformToUni(index -> downloader.fetch(index, plan.urls().get(index), plan.timeout()))
                .merge(plan.concurrency());
        return Multi.createFrom().deferred(() -> {
            Context loop = downloader.eventLoop();
            return loop == Vertx.currentContext() ? downloads
                    : downloads.runSubscriptionOn(start -> loop.runOnContext(onTheLoop -> start.run()));
        });
    }
}
