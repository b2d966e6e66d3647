package dev.fanout.fetcher.request;

import dev.fanout.fetcher.FetcherConfig;
import dev.fanout.v1.FetchMode;
import dev.fanout.v1.FetchRequest;
import dev.fanout.v1.support.DurationText;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Checks a whole request and resolves its defaults. Problems of the call itself are
 * INVALID_ARGUMENT; a bad single URL is not checked here, it becomes that URL's failed result.
 */
@Singleton
public final class FetchRequestValidator {

    /** The largest |seconds| of a google.protobuf.Duration: 10000 years. */
    private static final long MAX_PROTO_SECONDS = 315_576_000_000L;
    private static final Duration MIN_TIMEOUT = Duration.ofMillis(1);

    private final int maxUrls;
    private final int maxConcurrency;
    private final int defaultConcurrency;
    private final Duration defaultTimeout;
    private final Duration maxTimeout;
    private final boolean podsAvailable;

    public FetchRequestValidator(int maxUrls, int maxConcurrency, int defaultConcurrency, Duration defaultTimeout,
            Duration maxTimeout, boolean podsAvailable) {
        this.maxUrls = maxUrls;
        this.maxConcurrency = maxConcurrency;
        this.defaultConcurrency = defaultConcurrency;
        this.defaultTimeout = defaultTimeout;
        this.maxTimeout = maxTimeout;
        this.podsAvailable = podsAvailable;
    }

    @Inject
    public FetchRequestValidator(FetcherConfig config) {
        this(config.maxUrls(), config.maxConcurrency(), config.defaultConcurrency(), config.defaultTimeout(),
                config.maxTimeout(), config.peers().isPresent());
    }

    public FetchPlan validate(FetchRequest request, Optional<Instant> deadline) {
        if (request.getUrlsCount() == 0) {
            throw invalid("urls is empty: give at least one http:// or https:// URL");
        }
        if (request.getUrlsCount() > maxUrls) {
            throw invalid("urls has " + request.getUrlsCount() + " entries; at most " + maxUrls
                    + " per call (fanout.fetcher.max-urls): split the list into several calls");
        }
        FetchMode mode = switch (request.getMode()) {
            case FETCH_MODE_UNSPECIFIED -> FetchMode.FETCH_MODE_REACTIVE;
            case UNRECOGNIZED -> throw invalid("mode " + request.getModeValue() + " is not a FetchMode this service knows");
            default -> request.getMode();
        };
        if (mode == FetchMode.FETCH_MODE_PODS && !podsAvailable) {
            throw Status.FAILED_PRECONDITION
                    .withDescription("FETCH_MODE_PODS needs peer fetchers: set fanout.fetcher.peers on this service")
                    .asRuntimeException();
        }
        int concurrency = request.getConcurrency() == 0 ? defaultConcurrency : request.getConcurrency();
        if (concurrency < 1 || concurrency > maxConcurrency) {
            throw invalid("concurrency " + request.getConcurrency() + " is out of range: use 1 to " + maxConcurrency
                    + ", or 0 for the default (" + defaultConcurrency + ")");
        }
        if (mode == FetchMode.FETCH_MODE_SEQUENTIAL) {
            concurrency = 1;
        }
        Duration timeout = request.hasTimeout() ? timeout(request.getTimeout()) : defaultTimeout;
        return new FetchPlan(request.getUrlsList(), mode, concurrency, timeout, deadline);
    }

    /**
     * The per-URL timeout, checked as a protobuf Duration first (seconds within +-315576000000, nanos
     * within +-999999999 and of the same sign) and only then compared, so no value overflows. Under
     * 1 ms is refused: no client can time a URL out that precisely, and timers round it to 0 or 1 ms.
     */
    private Duration timeout(com.google.protobuf.Duration requested) {
        long seconds = requested.getSeconds();
        int nanos = requested.getNanos();
        String range = "use 1 ms to " + maxTimeout.toMillis() + " ms, or leave it unset for " + defaultTimeout.toMillis() + " ms";
        if (seconds < -MAX_PROTO_SECONDS || seconds > MAX_PROTO_SECONDS || nanos <= -1_000_000_000 || nanos >= 1_000_000_000
                || seconds > 0 && nanos < 0 || seconds < 0 && nanos > 0) {
            throw invalid("timeout {seconds: " + seconds + ", nanos: " + nanos + "} is not a valid protobuf Duration"
                    + " (nanos must be within +-999999999 and have the sign of seconds): " + range);
        }
        Duration timeout = Duration.ofSeconds(seconds, nanos);
        if (timeout.compareTo(MIN_TIMEOUT) < 0 || timeout.compareTo(maxTimeout) > 0) {
            throw invalid("timeout " + DurationText.of(timeout) + " is out of range: " + range);
        }
        return timeout;
    }

    private static StatusRuntimeException invalid(String message) {
        return Status.INVALID_ARGUMENT.withDescription(message).asRuntimeException();
    }
}
