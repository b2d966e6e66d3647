package dev.fanout.fetcher.download;

import dev.fanout.v1.FetchError;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/** Maps what an HTTP client throws to the error code and message of a result. */
public final class Failures {

    private Failures() {
    }

    public static FetchFailure classify(Throwable thrown, FetchTarget target) {
        if (thrown instanceof FetchFailure failure) {
            return failure;
        }
        if (isHeadLimit(thrown)) {
            return ResponseHeadLimits.exceeded(target);
        }
        String where = target.authority();
        // A person reads this: words, never an exception's class name (a closed channel often has no message).
        String detail = thrown.getMessage() != null ? thrown.getMessage()
                : thrown instanceof java.nio.channels.ClosedChannelException || thrown instanceof java.io.EOFException
                        ? "the connection was closed" : "no detail from the HTTP client";
        // Before ConnectException: Netty's connect timeout is one.
        if (thrown instanceof io.netty.channel.ConnectTimeoutException
                || thrown instanceof org.apache.hc.client5.http.ConnectTimeoutException) {
            return new FetchFailure(FetchError.FETCH_ERROR_CONNECT, "connecting to " + where + " timed out");
        }
        if (thrown instanceof ConnectException || thrown instanceof NoRouteToHostException) {
            return new FetchFailure(FetchError.FETCH_ERROR_CONNECT, "cannot connect to " + where + ": " + detail);
        }
        if (thrown instanceof SocketTimeoutException || thrown instanceof TimeoutException) {
            return new FetchFailure(FetchError.FETCH_ERROR_TIMEOUT, where + " stopped answering: " + detail);
        }
        if (thrown instanceof UnknownHostException) {
            return new FetchFailure(FetchError.FETCH_ERROR_DNS, "host name '" + target.host() + "' does not resolve");
        }
        if (thrown instanceof SSLException) {
            return new FetchFailure(FetchError.FETCH_ERROR_IO, "TLS with " + where + " failed: " + detail);
        }
        return new FetchFailure(FetchError.FETCH_ERROR_IO, "connection to " + where + " failed: " + detail);
    }

    /**
     * A client's own guard on the response head tripped (see {@link ResponseHeadLimits}): HttpClient's
     * line and header-count constraints, this fetcher's byte count under HttpClient, Netty's line and
     * header-size limits under Vert.x. Either may arrive wrapped.
     */
    private static boolean isHeadLimit(Throwable thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof ResponseHeadLimits.HeadTooLarge
                    || cause instanceof org.apache.hc.core5.http.MessageConstraintException
                    || cause instanceof io.netty.handler.codec.TooLongFrameException) {
                return true;
            }
        }
        return false;
    }

    public static FetchFailure timeout(java.time.Duration timeout) {
        return new FetchFailure(FetchError.FETCH_ERROR_TIMEOUT,
                "no complete response within the per-URL timeout of " + timeout.toMillis() + " ms");
    }

    public static FetchFailure cancelled() {
        return new FetchFailure(FetchError.FETCH_ERROR_CANCELLED, "the call was cancelled before this URL finished");
    }

    public static FetchFailure tooManyRedirects(int maxRedirects) {
        return new FetchFailure(FetchError.FETCH_ERROR_TOO_MANY_REDIRECTS,
                "more than " + maxRedirects + " redirects (fanout.fetcher.max-redirects)");
    }
}
