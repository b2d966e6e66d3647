package dev.fanout.fetcher;

import dev.fanout.v1.FetchError;
import dev.fanout.v1.FetchMode;
import dev.fanout.v1.FetchResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;

/**
 * Prometheus metrics per mode: call latency histogram ({@code fanout_fetch_call_seconds}), URLs by
 * outcome ({@code fanout_fetch_urls_total}) and body bytes ({@code fanout_fetch_bytes_total}).
 */
public final class FetchMetrics {

    private final MeterRegistry registry;

    public FetchMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void result(FetchMode mode, FetchResult result) {
        String outcome = result.getError() == FetchError.FETCH_ERROR_UNSPECIFIED ? "ok" : "failed";
        Counter.builder("fanout.fetch.urls").description("URLs fetched, by mode and outcome")
                .tag("mode", tag(mode)).tag("outcome", outcome).register(registry).increment();
        Counter.builder("fanout.fetch.bytes").description("Body bytes read, by mode").baseUnit("bytes")
                .tag("mode", tag(mode)).register(registry).increment(result.getBytes());
    }

    public void call(FetchMode mode, String outcome, long elapsedNanos) {
        Timer.builder("fanout.fetch.call").description("Fetch call wall time, by mode")
                .tag("mode", tag(mode)).tag("outcome", outcome)
                .publishPercentileHistogram()
                .maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry).record(Duration.ofNanos(elapsedNanos));
    }

    /** The CLI's spelling: FETCH_MODE_VIRTUAL_THREADS is virtual-threads. */
    static String tag(FetchMode mode) {
        return mode.name().substring("FETCH_MODE_".length()).toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
