package dev.fanout.fetcher.net;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** An IPv4 or IPv6 network in CIDR notation, e.g. {@code 10.0.0.0/8} or {@code fc00::/7}. */
public record Cidr(byte[] network, int prefixLength, String text) {

    /** Parses {@code address/prefix}; a bare address is a single host. Only literals, never DNS. */
    public static Cidr parse(String text) {
        String trimmed = text.strip();
        int slash = trimmed.indexOf('/');
        String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
        if (!HostSpelling.isIpLiteral(address)) { // never a name: parsing it must not look it up
            throw new IllegalArgumentException("'" + text + "' is not a CIDR such as 10.0.0.0/8 or fc00::/7");
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + text + "' is not a CIDR such as 10.0.0.0/8 or fc00::/7");
        }
        int bits = bytes.length * 8;
        int prefix;
        try {
            prefix = slash < 0 ? bits : Integer.parseInt(trimmed.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' has no numeric prefix length after '/'");
        }
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("'" + text + "': the prefix length must be 0 to " + bits);
        }
        return new Cidr(bytes, prefix, trimmed);
    }

    public boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        if (candidate.length != network.length) {
            return false;
        }
        int fullBytes = prefixLength / 8;
        for (int i = 0; i < fullBytes; i++) {
            if (candidate[i] != network[i]) {
                return false;
            }
        }
        int restBits = prefixLength % 8;
        if (restBits == 0) {
            return true;
        }
        int mask = (0xff << (8 - restBits)) & 0xff;
        return (candidate[fullBytes] & mask) == (network[fullBytes] & mask);
    }

    @Override
    public String toString() {
        return text;
    }
}
