package dev.fanout.fetcher.download;

import dev.fanout.v1.FetchError;
import dev.fanout.v1.FetchResult;
import dev.fanout.v1.support.ProtoDurations;

/**
 * What is known so far about one URL's download (attempts, redirects, the final response's body),
 * turned into its FetchResult at the end. Used by one download at a time.
 */
public final class UrlProgress {

    private final int index;
    private final String url;
    private final String fetchedBy;
    private final long maxBodySize;
    private final long startNanos = System.nanoTime();
    private String currentUrl;
    private int attempts;
    private int redirects;
    private int status;
    private long firstByteNanos = -1;
    private BodyDigest body;

    public UrlProgress(int index, String url, String fetchedBy, long maxBodySize) {
        this.index = index;
        this.url = url;
        this.fetchedBy = fetchedBy;
        this.maxBodySize = maxBodySize;
        this.currentUrl = url;
    }

    /** A new attempt starts from the requested URL again. */
    public void startAttempt() {
        attempts++;
        redirects = 0;
        currentUrl = url;
        status = 0;
        firstByteNanos = -1;
        body = null;
    }

    public int attempts() {
        return attempts;
    }

    /** Counts a redirect; false when it is one more than allowed. */
    public boolean redirectTo(String nextUrl, int maxRedirects) {
        redirects++;
        currentUrl = nextUrl;
        return redirects <= maxRedirects;
    }

    /** The final response (not a redirect) arrived: its body is digested from now on. */
    public BodyDigest finalResponse(int status) {
        this.status = status;
        this.body = new BodyDigest(maxBodySize);
        return body;
    }

    /** Marks the first body byte (or an empty body's end), once. */
    public void firstByte() {
        if (firstByteNanos < 0) {
            firstByteNanos = System.nanoTime();
        }
    }

    public void responseStatus(int status) {
        this.status = status;
    }

    /**
     * The result once the final response's body was read, if it is a 2xx within the size cap; else
     * the failure, which a retry may still overcome (a 503) before {@link #failed} reports it.
     */
    public FetchResult completed() throws FetchFailure {
        firstByte();
        if (body != null && body.overflowed()) {
            throw new FetchFailure(FetchError.FETCH_ERROR_BODY_TOO_LARGE,
                    "body larger than " + body.cap() + " bytes (fanout.fetcher.max-body-size); reading stopped");
        }
        if (status < 200 || status > 299) {
            // 502, 503 and 504 say a gateway or the server is briefly unable: the next attempt may succeed
            throw new FetchFailure(FetchError.FETCH_ERROR_HTTP_STATUS, "HTTP " + status + " from " + currentUrl,
                    status >= 502 && status <= 504);
        }
        return builder().build();
    }

    public FetchResult failed(FetchFailure failure) {
        return builder().setError(failure.error()).setErrorMessage(failure.getMessage()).build();
    }

    private FetchResult.Builder builder() {
        long now = System.nanoTime();
        FetchResult.Builder result = FetchResult.newBuilder()
                .setIndex(index)
                .setUrl(url)
                .setStatus(status)
                .setFinalUrl(currentUrl)
                .setRedirects(redirects)
                .setAttempts(attempts)
                .setFetchedBy(fetchedBy)
                .setElapsed(ProtoDurations.ofNanos(now - startNanos));
        if (firstByteNanos >= 0) {
            result.setTimeToFirstByte(ProtoDurations.ofNanos(firstByteNanos - startNanos));
        }
        if (body != null) {
            result.setBytes(body.bytes()).setSha256(body.hex());
        }
        return result;
    }

    /** The result of a URL that no download finished (the call ran out of time, a peer failed). */
    public static FetchResult unfinished(int index, String url, FetchError error, String message) {
        return FetchResult.newBuilder().setIndex(index).setUrl(url).setError(error).setErrorMessage(message)
                .setElapsed(ProtoDurations.ofNanos(0)).build();
    }
}
