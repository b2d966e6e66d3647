package dev.fanout.fetcher.download;

import dev.fanout.v1.FetchError;

/** Why one URL failed, as the error code and message its result carries. Cheap: no stack trace. */
public final class FetchFailure extends Exception {

    private final FetchError error;

    public FetchFailure(FetchError error, String message) {
        super(message, null, false, false);
        this.error = error;
    }

    public FetchError error() {
        return error;
    }

    /** Worth another attempt: the next one may well succeed. */
    public boolean isTransient() {
        return error == FetchError.FETCH_ERROR_CONNECT || error == FetchError.FETCH_ERROR_IO
                || error == FetchError.FETCH_ERROR_HTTP_STATUS && getMessage().matches("HTTP 50[234]\\b.*");
    }
}
