package dev.fanout.fetcher.request;

import dev.fanout.v1.FetchMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A validated Fetch call: the URLs, the resolved mode and concurrency, the per-URL timeout, and the
 * call's deadline when it has one (passed on to peers in PODS mode).
 */
public record FetchPlan(List<String> urls, FetchMode mode, int concurrency, Duration timeout,
        Optional<Instant> deadline) {
}
