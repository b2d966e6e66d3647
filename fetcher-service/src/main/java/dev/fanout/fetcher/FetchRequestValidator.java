package dev.fanout.fetcher;

import dev.fanout.fetcher.mode.FetchPlan;
import dev.fanout.v1.FetchMode;
import dev.fanout.v1.FetchRequest;
import io.grpc.Deadline;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.Optional;

/**
 * Checks a whole request and resolves its defaults. Problems of the call itself are
 * INVALID_ARGUMENT; a bad single URL is not checked here, it becomes that URL's failed result.
 */
public final class FetchRequestValidator {

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

    public static FetchRequestValidator of(FetcherConfig config) {
        return new FetchRequestValidator(config.maxUrls(), config.maxConcurrency(), config.defaultConcurrency(),
                config.defaultTimeout(), config.maxTimeout(), config.peers().isPresent());
    }

    public FetchPlan validate(FetchRequest request, Optional<Deadline> deadline) {
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
        Duration timeout = defaultTimeout;
        if (request.hasTimeout()) {
            timeout = Duration.ofSeconds(request.getTimeout().getSeconds(), request.getTimeout().getNanos());
            if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(maxTimeout) > 0) {
                throw invalid("timeout " + timeout.toMillis() + " ms is out of range: use more than 0 and at most "
                        + maxTimeout.toMillis() + " ms, or leave it unset for " + defaultTimeout.toMillis() + " ms");
            }
        }
        return new FetchPlan(request.getUrlsList(), mode, concurrency, timeout, deadline);
    }

    private static StatusRuntimeException invalid(String message) {
        return Status.INVALID_ARGUMENT.withDescription(message).asRuntimeException();
    }
}
