package dev.fanout.fetcher.mode;

import dev.fanout.fetcher.request.FetchPlan;
import dev.fanout.fetcher.download.ReactiveDownloader;
import dev.fanout.v1.FetchMode;
import dev.fanout.v1.FetchResult;
import io.smallrye.mutiny.Multi;
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

    @Override
    public Multi<FetchResult> fetch(FetchPlan plan) {
        return Multi.createFrom().range(0, plan.urls().size())
                .onItem().transformToUni(index -> downloader.fetch(index, plan.urls().get(index), plan.timeout()))
                .merge(plan.concurrency());
    }
}
