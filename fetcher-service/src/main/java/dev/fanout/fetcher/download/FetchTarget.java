package dev.fanout.fetcher.download;

import dev.fanout.fetcher.net.HostSpelling;
import dev.fanout.v1.FetchError;
import dev.fanout.v1.support.HostPorts;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * An absolute http(s) URL split into what a client connects to and what it asks for. Every mode
 * parses URLs here and only here, so a URL means the same (or fails with the same error) in each:
 * the clients get the canonical host, a port in 1-65535 and an ASCII request URI, never the raw text.
 *
 * @param uri the canonical URL: lower-case ASCII host, no credentials, no fragment, non-ASCII
 *     path and query characters percent-encoded as UTF-8
 * @param host the canonical host (see {@link HostSpelling}): an IPv6 literal without brackets
 */
public record FetchTarget(URI uri, boolean https, String host, int port) {

    /** Longer URLs are refused: browsers and servers cap them at a few KiB too (most servers at 8 KiB). */
    public static final int MAX_URL_LENGTH = 8192;

    /** Parses a URL of a request or a redirect; a bad one is a failure of that URL only. */
    public static FetchTarget parse(String url) throws FetchFailure {
        if (url.length() > MAX_URL_LENGTH) {
            throw invalid("the URL has " + url.length() + " characters; at most " + MAX_URL_LENGTH + " are fetched");
        }
        try {
            return of(new URI(url.strip()));
        } catch (URISyntaxException e) {
            throw invalid("not a valid URL: " + e.getReason() + " at index " + e.getIndex());
        }
    }

    /** Resolves a Location header against the URL that answered with it. */
    public FetchTarget redirect(String location) throws FetchFailure {
        try {
            return of(uri.resolve(new URI(location.strip())));
        } catch (URISyntaxException e) {
            throw invalid("redirect to an invalid URL: " + e.getReason() + " at index " + e.getIndex());
        }
    }

    private static FetchTarget of(URI uri) throws FetchFailure, URISyntaxException {
        if (!uri.isAbsolute()) {
            throw invalid("'" + uri + "' is not absolute: expected http://host/path or https://host/path");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new FetchFailure(FetchError.FETCH_ERROR_UNSUPPORTED_SCHEME,
                    "scheme '" + scheme + "' is not supported: only http and https URLs are fetched");
        }
        boolean https = scheme.equals("https");
        // The raw authority, not URI.getHost(): URI leaves the host null for IDN names, for shortened
        // IPv4 forms and for out-of-range ports, and reads 0177.0.0.1 as decimal.
        String authority = uri.getRawAuthority();
        if (authority == null || authority.isEmpty()) {
            throw invalid("'" + uri + "' has no host name");
        }
        if (authority.indexOf('@') >= 0) {
            // Sending them would leak credentials to every redirect target; dropping them would fetch
            // something else than asked (and user@host is a classic way to disguise the real host).
            throw invalid("the URL carries credentials (user@host): the fetcher neither sends nor drops them;"
                    + " remove them from the URL");
        }
        int portColon = authority.startsWith("[") ? authority.indexOf(':', authority.indexOf(']')) : authority.lastIndexOf(':');
        String hostText = portColon < 0 ? authority : authority.substring(0, portColon);
        String portText = portColon < 0 ? "" : authority.substring(portColon + 1);
        String host;
        try {
            host = HostSpelling.canonical(hostText);
        } catch (IllegalArgumentException refused) {
            throw invalid(refused.getMessage());
        }
        int port = portText.isEmpty() ? (https ? 443 : 80) : port(portText);
        // Each URI parse is a few microseconds, a twentieth of a download's CPU: a URL already in
        // its canonical form (nearly every one) is not parsed again.
        String asciiText = uri.toASCIIString();
        URI ascii = asciiText.equals(uri.toString()) ? uri : new URI(asciiText);
        String path = ascii.getRawPath() == null || ascii.getRawPath().isEmpty() ? "/" : ascii.getRawPath();
        String hostInUri = HostPorts.host(host);
        String portInUri = port == (https ? 443 : 80) ? "" : ":" + port;
        String query = ascii.getRawQuery() == null ? "" : "?" + ascii.getRawQuery();
        String canonical = scheme + "://" + hostInUri + portInUri + path + query;
        return new FetchTarget(canonical.equals(asciiText) ? ascii : new URI(canonical), https, host, port);
    }

    private static int port(String text) throws FetchFailure {
        int port = text.length() > 5 || !text.chars().allMatch(c -> c >= '0' && c <= '9') ? 0 : Integer.parseInt(text);
        if (port < 1 || port > 65535) {
            throw invalid("port " + text + " is out of range: use 1 to 65535");
        }
        return port;
    }

    private static FetchFailure invalid(String message) {
        return new FetchFailure(FetchError.FETCH_ERROR_INVALID_URL, message);
    }

    /** Path and query as sent in the request line. */
    public String requestUri() {
        return uri.getRawQuery() == null ? uri.getRawPath() : uri.getRawPath() + "?" + uri.getRawQuery();
    }

    /** The Host header both clients send: an IPv6 literal in brackets, the port only when not the scheme's default. */
    public String hostHeader() {
        return uri.getRawAuthority();
    }

    public String authority() {
        return HostPorts.authority(host, port);
    }
}
