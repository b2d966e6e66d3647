package dev.fanout.fetcher.request;

import dev.fanout.v1.FetchMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A validated Fetch call: the URLs, the resolved mode and concurrency, the per-URL timeout, and the
 * deadline the caller set, if any (passed on to peers in PODS mode; the service's own cap is not:
 * at the cap the pipeline cancels the peer calls).
 */
public record FetchPlan(List<String> urls, FetchMode mode, int concurrency, Duration timeout,
        Optional<Instant> deadline) {

    /** This plan run with {@code concurrency} instead (admission lowers it to what a budget allows). */
    public FetchPlan withConcurrency(int concurrency) {
        return new FetchPlan(urls, mode, concurrency, timeout, deadline);
    }
}
