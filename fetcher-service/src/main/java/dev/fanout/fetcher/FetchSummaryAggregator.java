package dev.fanout.fetcher;

import dev.fanout.fetcher.download.UrlProgress;
import dev.fanout.v1.FetchError;
import dev.fanout.v1.FetchMode;
import dev.fanout.v1.FetchResult;
import dev.fanout.v1.FetchSummary;
import java.util.HashSet;
import java.util.Set;

/** Totals of one call's results, for its closing summary. Fed from one stream, so not thread-safe. */
public final class FetchSummaryAggregator {

    private int ok;
    private int failed;
    private long bytes;
    private final Set<String> fetchers = new HashSet<>();

    public void add(FetchResult result) {
        if (result.getError() == FetchError.FETCH_ERROR_UNSPECIFIED) {
            ok++;
        } else {
            failed++;
        }
        bytes += result.getBytes();
        if (!result.getFetchedBy().isEmpty()) {
            fetchers.add(result.getFetchedBy());
        }
    }

    /** The summary; {@code fetchers} counts the distinct fetchers that produced results (at least 1). */
    public FetchSummary summary(long elapsedNanos, FetchMode mode, int concurrency) {
        return FetchSummary.newBuilder()
                .setOk(ok)
                .setFailed(failed)
                .setBytes(bytes)
                .setElapsed(UrlProgress.duration(elapsedNanos))
                .setMode(mode)
                .setConcurrency(concurrency)
                .setFetchers(Math.max(1, fetchers.size()))
                .build();
    }
}
