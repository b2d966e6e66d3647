package dev.fanout.fetcher.download;

import java.time.Duration;

/** What both HTTP clients need to know: limits, client tuning and this fetcher's name. */
public record DownloadSettings(
        Duration connectTimeout,
        Duration maxTimeout,
        long maxBodySize,
        int maxRedirects,
        int maxConnectionsPerHost,
        RetryPolicy retry,
        String fetchedBy) {

    public static final String USER_AGENT = "fanout-fetcher";
}
