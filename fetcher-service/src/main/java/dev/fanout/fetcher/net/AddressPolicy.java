package dev.fanout.fetcher.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
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
            // RFC 8215: translators inside one's own network, so whatever it carries is internal
            Map.entry(Cidr.parse("64:ff9b:1::/48"), "local-use NAT64 (64:ff9b:1::/48)"),
            Map.entry(Cidr.parse("2001:db8::/32"), "documentation (2001:db8::/32)"));

    private final List<Cidr> allowed;

    public AddressPolicy(List<Cidr> allowed) {
        this.allowed = List.copyOf(allowed);
    }

    public static AddressPolicy allowing(List<String> cidrs) {
        return new AddressPolicy(cidrs.stream().map(Cidr::parse).toList());
    }

    /** IPv6 forms that carry IPv4 addresses a relay or translator turns them into. */
    private static final Cidr SIX_TO_FOUR = Cidr.parse("2002::/16");
    private static final Cidr TEREDO = Cidr.parse("2001::/32");
    private static final Cidr IPV4_TRANSLATED = Cidr.parse("::ffff:0:0:0/96");

    /**
     * Why the address is refused, or empty when the fetcher may connect to it. An IPv6 address that
     * carries an IPv4 one (6to4, Teredo, IPv4-translated) is refused when the IPv4 address would be,
     * unless an allowed network contains the IPv6 address itself. (IPv4-mapped ::ffff:a.b.c.d needs
     * no rule: Java hands it over as the IPv4 address.)
     */
    public Optional<String> denial(InetAddress address) {
        if (allowed.stream().anyMatch(cidr -> cidr.contains(address))) {
            return Optional.empty();
        }
        String own = category(address);
        if (own != null) {
            return Optional.of(own);
        }
        for (Embedded embedded : embedded(address)) {
            String inner = category(embedded.ipv4());
            if (inner != null) {
                return Optional.of(embedded.form() + " carrying " + embedded.ipv4().getHostAddress() + ", a " + inner);
            }
        }
        return Optional.empty();
    }

    private record Embedded(String form, InetAddress ipv4) {
    }

    private static List<Embedded> embedded(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length != 16) {
            return List.of();
        }
        if (SIX_TO_FOUR.contains(address)) {
            return List.of(new Embedded("6to4 (2002::/16)", ipv4(bytes, 2, 0)));
        }
        if (TEREDO.contains(address)) {
            // RFC 4380: the Teredo server's IPv4 address in bits 32-63, the client's in the last 32 bits, inverted
            return List.of(new Embedded("Teredo (2001::/32) server", ipv4(bytes, 4, 0)),
                    new Embedded("Teredo (2001::/32) client", ipv4(bytes, 12, 0xff)));
        }
        if (IPV4_TRANSLATED.contains(address)) {
            return List.of(new Embedded("IPv4-translated (::ffff:0:0:0/96)", ipv4(bytes, 12, 0)));
        }
        return List.of();
    }

    private static InetAddress ipv4(byte[] bytes, int offset, int xor) {
        byte[] ipv4 = new byte[4];
        for (int i = 0; i < 4; i++) {
            ipv4[i] = (byte) (bytes[offset + i] ^ xor);
        }
        try {
            return InetAddress.getByAddress(ipv4);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
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
