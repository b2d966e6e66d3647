package dev.fanout.fetcher.download;

/** The statuses whose Location the fetcher follows (with GET, the only method it sends). */
public final class Redirects {

    private Redirects() {
    }

    public static boolean isRedirect(int status, String location) {
        return location != null && (status == 301 || status == 302 || status == 303 || status == 307 || status == 308);
    }
}
