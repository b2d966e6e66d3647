package dev.fanout.fetcher.result;

import dev.fanout.v1.FetchError;
import dev.fanout.v1.FetchMode;
import dev.fanout.v1.FetchResult;
import dev.fanout.v1.FetchSummary;
import dev.fanout.v1.support.ProtoDurations;
import java.util.BitSet;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;

/** Totals of one call's results, for its closing summary. Fed from one stream, so not thread-safe. */
public final class FetchSummaryAggregator {

    private final BitSet reported = new BitSet();
    private int ok;
    private int failed;
    private long bytes;
    private final Set<String> fetchers = new HashSet<>();

    public void add(FetchResult result) {
        reported.set(result.getIndex());
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

    /** Indices below {@code urlCount} that no result has reported yet. */
    public IntStream unreported(int urlCount) {
        return IntStream.range(0, urlCount).filter(index -> !reported.get(index));
    }

    /** The summary; {@code fetchers} counts the distinct fetchers that produced results (at least 1). */
    public FetchSummary summary(long elapsedNanos, FetchMode mode, int concurrency) {
        return FetchSummary.newBuilder()
                .setOk(ok)
                .setFailed(failed)
                .setBytes(bytes)
                .setElapsed(ProtoDurations.ofNanos(elapsedNanos))
                .setMode(mode)
                .setConcurrency(concurrency)
                .setFetchers(Math.max(1, fetchers.size()))
                .build();
    }
}
