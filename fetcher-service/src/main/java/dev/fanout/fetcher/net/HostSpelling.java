package dev.fanout.fetcher.net;

import java.net.IDN;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one spelling of a URL's host that every client and the address policy then use: a lower-case
 * ASCII host name (international names as punycode, one trailing dot dropped), a canonical dotted
 * IPv4 quad, or an IPv6 literal without brackets.
 *
 * <p>Spellings that URL parsers read differently are refused rather than guessed: {@code 0177.0.0.1}
 * is 177.0.0.1 to Java and 127.0.0.1 to browsers and curl; {@code 0x7f.1}, {@code 127.1} and
 * {@code 2130706433} are 127.0.0.1 to browsers and curl and no address at all to Java's URI. A guard
 * that guessed differently from the client (or from a proxy downstream) could be walked around.
 */
public final class HostSpelling {

    /** WHATWG URL: a host whose last label is a number (decimal, or 0x hex) is read as an IPv4 address. */
    private static final Pattern NUMERIC_LABEL = Pattern.compile("[0-9]+|0[xX][0-9a-fA-F]*");
    private static final Pattern QUAD_PART = Pattern.compile("0|[1-9][0-9]{0,2}");
    private static final Pattern NAME_LABEL = Pattern.compile("[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9a-fA-F:.]+");
    private static final int MAX_NAME_LENGTH = 253;

    private HostSpelling() {
    }

    /**
     * The canonical form of {@code host} as written in a URL's authority (brackets around an IPv6
     * literal included), or IllegalArgumentException saying why it is refused. Never looks anything up.
     */
    public static String canonical(String host) {
        if (host.startsWith("[")) {
            return ipv6Literal(host);
        }
        if (host.indexOf('%') >= 0) {
            throw new IllegalArgumentException("the host '" + host + "' is percent-encoded: write it out");
        }
        String ascii = host.chars().allMatch(c -> c < 0x80) ? host.toLowerCase(Locale.ROOT) : punycode(host);
        String name = ascii.endsWith(".") ? ascii.substring(0, ascii.length() - 1) : ascii; // DNS names are absolute either way
        if (name.isEmpty()) {
            throw new IllegalArgumentException("the URL has no host name");
        }
        String[] labels = name.split("\\.", -1);
        if (NUMERIC_LABEL.matcher(labels[labels.length - 1]).matches()) {
            return dottedQuad(host, labels);
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("the host name is longer than " + MAX_NAME_LENGTH + " characters");
        }
        for (String label : labels) {
            if (!NAME_LABEL.matcher(label).matches()) {
                throw new IllegalArgumentException("the host '" + host + "' is not a valid host name");
            }
        }
        return name;
    }

    /** An international domain name as DNS knows it (IDNA, the form browsers look up). */
    private static String punycode(String host) {
        try {
            return IDN.toASCII(host, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the host '" + host + "' is not a valid international domain name");
        }
    }

    /** True when the canonical host is an IP address, so resolving it needs no lookup. */
    public static boolean isIpLiteral(String canonicalHost) {
        return canonicalHost.indexOf(':') >= 0 || isDottedQuad(canonicalHost);
    }

    private static boolean isDottedQuad(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (!QUAD_PART.matcher(part).matches() || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    private static String dottedQuad(String original, String[] labels) {
        String joined = String.join(".", labels);
        if (!isDottedQuad(joined)) {
            throw new IllegalArgumentException("the host '" + original + "' is an ambiguous IPv4 spelling (octal, hex,"
                    + " shortened or out-of-range parts are read differently by different URL parsers): write the"
                    + " address as four decimal numbers 0-255 such as 127.0.0.1");
        }
        return joined;
    }

    private static String ipv6Literal(String bracketed) {
        if (!bracketed.endsWith("]") || bracketed.length() < 3) {
            throw new IllegalArgumentException("the host '" + bracketed + "' is not a valid IPv6 literal such as [::1]");
        }
        String literal = bracketed.substring(1, bracketed.length() - 1);
        if (literal.indexOf('%') >= 0) {
            throw new IllegalArgumentException("the host '" + bracketed + "' has an IPv6 zone: zones name this"
                    + " machine's interfaces and mean nothing in a URL sent to a service");
        }
        if (!IPV6_CHARS.matcher(literal).matches() || literal.indexOf(':') < 0) {
            throw new IllegalArgumentException("the host '" + bracketed + "' is not a valid IPv6 literal such as [::1]");
        }
        try {
            InetAddress.getByName(bracketed); // a bracketed literal is parsed, never looked up
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("the host '" + bracketed + "' is not a valid IPv6 literal such as [::1]");
        }
        return literal.toLowerCase(Locale.ROOT);
    }
}
