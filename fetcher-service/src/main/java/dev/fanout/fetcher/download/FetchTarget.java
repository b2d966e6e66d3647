package dev.fanout.fetcher.download;

import dev.fanout.v1.FetchError;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** An absolute http(s) URL split into what a client connects to and what it asks for. */
public record FetchTarget(URI uri, boolean https, String host, int port) {

    /** Parses a URL of a request or a redirect; a bad one is a failure of that URL only. */
    public static FetchTarget parse(String url) throws FetchFailure {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new FetchFailure(FetchError.FETCH_ERROR_INVALID_URL, "not a valid URL: " + e.getMessage());
        }
        return of(uri);
    }

    /** Resolves a Location header against the URL that answered with it. */
    public FetchTarget redirect(String location) throws FetchFailure {
        try {
            return of(uri.resolve(new URI(location.strip())));
        } catch (URISyntaxException e) {
            throw new FetchFailure(FetchError.FETCH_ERROR_INVALID_URL,
                    "redirect to an invalid URL: " + e.getMessage());
        }
    }

    private static FetchTarget of(URI uri) throws FetchFailure {
        if (!uri.isAbsolute()) {
            throw new FetchFailure(FetchError.FETCH_ERROR_INVALID_URL,
                    "'" + uri + "' is not absolute: expected http://host/path or https://host/path");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new FetchFailure(FetchError.FETCH_ERROR_UNSUPPORTED_SCHEME,
                    "scheme '" + scheme + "' is not supported: only http and https URLs are fetched");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new FetchFailure(FetchError.FETCH_ERROR_INVALID_URL, "'" + uri + "' has no host name");
        }
        boolean https = scheme.equals("https");
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : https ? 443 : 80;
        return new FetchTarget(uri, https, host, port);
    }

    /** Path and query as sent in the request line. */
    public String requestUri() {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }

    public String authority() {
        return host + ":" + port;
    }
}
