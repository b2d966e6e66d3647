package dev.fanout.cli.options;

import java.net.InetSocketAddress;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.fanout.v1.support.HostPorts;

/** A service address as the user wrote it: HOST:PORT, with IPv6 hosts in brackets ([::1]:8081). */
public record HostPort(String host, int port) {
    /** A URL's scheme and what follows the authority: gRPC addresses have neither. */
    private static final Pattern URL = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*)://([^/?#]*)[/?#]?.*");

    public static HostPort parse(String text) {
        String value = text.strip();
        Matcher url = URL.matcher(value);
        if (url.matches()) {
            String authority = url.group(2);
            String fixed = authority.isEmpty() ? "HOST:PORT" : authority.contains(":") && !authority.endsWith("]") ? authority
                    : authority + ":PORT";
            throw new ValueFix("drop the scheme '" + url.group(1) + "://' (a gRPC address is HOST:PORT)", fixed);
        }
        int colon = value.lastIndexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            throw new IllegalArgumentException("'" + text + "' is not HOST:PORT (e.g. 127.0.0.1:8081)");
        }
        String host = value.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw new IllegalArgumentException("'" + text + "': put an IPv6 host in brackets, e.g. [::1]:8081");
        }
        int port;
        try {
            port = Integer.parseInt(value.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "': the port is not a number");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("'" + text + "': the port must be 1 to 65535");
        }
        return new HostPort(host, port);
    }

    /** Resolves the host now, so an unknown name is reported as such rather than as a refused call. */
    public InetSocketAddress resolve() {
        return new InetSocketAddress(host, port);
    }

    /** The base URL of this address's HTTP side (gRPC and HTTP share the port). */
    public String httpBase() {
        return "http://" + toString();
    }

    @Override
    public String toString() {
        return HostPorts.authority(host, port);
    }
}
