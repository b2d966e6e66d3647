package dev.fanout.fetcher.download;

import dev.fanout.v1.FetchError;

/** Why one URL failed, as the error code and message its result carries. Cheap: no stack trace. */
public final class FetchFailure extends Exception {

    private final FetchError error;
    private final boolean worthRetrying;

    /** A failure that is worth another attempt when it is a connect or I/O failure. */
    public FetchFailure(FetchError error, String message) {
        this(error, message, error == FetchError.FETCH_ERROR_CONNECT || error == FetchError.FETCH_ERROR_IO);
    }

    /** {@code worthRetrying}: the next attempt may well succeed (a 503, a reset), unlike a 404 or a hostile head. */
    public FetchFailure(FetchError error, String message, boolean worthRetrying) {
        super(message, null, false, false);
        this.error = error;
        this.worthRetrying = worthRetrying;
    }

    public FetchError error() {
        return error;
    }

    /** Worth another attempt: the next one may well succeed. */
    public boolean isTransient() {
        return worthRetrying;
    }
}
