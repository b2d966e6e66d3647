package dev.fanout.fetcher.net;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The SSRF guard: which resolved addresses the fetcher may connect to. Internal targets (loopback,
 * private, link-local with the cloud metadata address, multicast, carrier-grade NAT, reserved) are
 * denied unless an allowed network contains them.
 */
public final class AddressPolicy {

    /** Internal ranges that InetAddress's own predicates do not cover, with the name users see. */
    private static final Map<Cidr, String> EXTRA_DENIED = Map.ofEntries(
            Map.entry(Cidr.parse("0.0.0.0/8"), "'this network' (0.0.0.0/8)"),
            Map.entry(Cidr.parse("100.64.0.0/10"), "carrier-grade NAT (100.64.0.0/10)"),
            Map.entry(Cidr.parse("192.0.0.0/24"), "IETF protocol assignments (192.0.0.0/24)"),
            Map.entry(Cidr.parse("198.18.0.0/15"), "benchmarking (198.18.0.0/15)"),
            Map.entry(Cidr.parse("240.0.0.0/4"), "reserved (240.0.0.0/4)"),
            Map.entry(Cidr.parse("fc00::/7"), "unique local (fc00::/7)"),
            Map.entry(Cidr.parse("::/96"), "IPv4-compatible IPv6 (::/96)"),
            Map.entry(Cidr.parse("64:ff9b::/96"), "NAT64 (64:ff9b::/96)"),
            Map.entry(Cidr.parse("2001:db8::/32"), "documentation (2001:db8::/32)"));

    private final List<Cidr> allowed;

    public AddressPolicy(List<Cidr> allowed) {
        this.allowed = List.copyOf(allowed);
    }

    public static AddressPolicy allowing(List<String> cidrs) {
        return new AddressPolicy(cidrs.stream().map(Cidr::parse).toList());
    }

    /** Why the address is refused, or empty when the fetcher may connect to it. */
    public Optional<String> denial(InetAddress address) {
        if (allowed.stream().anyMatch(cidr -> cidr.contains(address))) {
            return Optional.empty();
        }
        return Optional.ofNullable(category(address));
    }

    private static String category(InetAddress address) {
        if (address.isLoopbackAddress()) {
            return "loopback";
        }
        if (address.isAnyLocalAddress()) {
            return "unspecified";
        }
        if (address.isLinkLocalAddress()) {
            return "link-local (cloud metadata lives here)";
        }
        if (address.isSiteLocalAddress()) {
            return "private";
        }
        if (address.isMulticastAddress()) {
            return "multicast";
        }
        byte[] bytes = address.getAddress();
        if (bytes.length == 4 && (bytes[0] & 0xff) == 255 && (bytes[1] & 0xff) == 255
                && (bytes[2] & 0xff) == 255 && (bytes[3] & 0xff) == 255) {
            return "broadcast";
        }
        return EXTRA_DENIED.entrySet().stream()
                .filter(entry -> entry.getKey().contains(address))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
    }

    @Override
    public String toString() {
        return "allowed networks " + allowed;
    }
}
