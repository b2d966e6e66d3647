package dev.fanout.fetcher.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressPolicyTest {

    private final AddressPolicy closed = AddressPolicy.allowing(List.of());

    @ParameterizedTest
    @CsvSource({
            "127.0.0.1, loopback", "127.9.9.9, loopback", "::1, loopback",
            "10.1.2.3, private", "172.16.0.1, private", "172.31.255.255, private", "192.168.1.1, private",
            "169.254.169.254, link-local", "fe80::1, link-local",
            "224.0.0.1, multicast", "ff02::1, multicast",
            "0.0.0.0, unspecified", ":: , unspecified",
            "100.64.0.1, carrier-grade NAT", "100.127.255.255, carrier-grade NAT",
            "fc00::1, unique local", "fd12:3456::1, unique local",
            "255.255.255.255, broadcast", "240.0.0.1, reserved", "198.18.0.1, benchmarking",
            "::ffff:10.0.0.1, private", "::10.0.0.1, IPv4-compatible", "64:ff9b::a00:1, NAT64",
            // IPv6 forms carrying an IPv4 address: judged by the IPv4 address inside
            "2002:7f00:1::1, 6to4 (2002::/16) carrying 127.0.0.1, a loopback",
            "2002:a9fe:a9fe::, 6to4 (2002::/16) carrying 169.254.169.254, a link-local",
            "2001:0:4136:e378:8000:63bf:f5ff:fffe, Teredo (2001::/32) client carrying 10.0.0.1, a private",
            "2001:0:7f00:1::5db8:d822, Teredo (2001::/32) server carrying 127.0.0.1, a loopback",
            "::ffff:0:7f00:1, IPv4-translated (::ffff:0:0:0/96) carrying 127.0.0.1, a loopback",
            "::ffff:0:a9fe:a9fe, IPv4-translated (::ffff:0:0:0/96) carrying 169.254.169.254",
            "64:ff9b:1::808:808, local-use NAT64", "64:ff9b:1:ffff::1, local-use NAT64"})
    void internalAddressesAreDenied(String address, String category) throws Exception {
        Optional<String> denial = closed.denial(InetAddress.getByName(address));
        assertTrue(denial.isPresent(), address + " must be denied");
        assertTrue(denial.get().contains(category), () -> address + ": " + denial.get());
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "93.184.216.34", "2606:4700::1111",
            // the same forms carrying public IPv4 addresses (Teredo: server 65.54.227.120, client 192.0.2.45 inverted)
            "2002:808:808::1", "2001:0:4136:e378:8000:63bf:3fff:fdd2", "::ffff:0:808:808"})
    void publicAddressesAreAllowed(String address) throws Exception {
        assertEquals(Optional.empty(), closed.denial(InetAddress.getByName(address)));
    }

    @Test
    void allowedNetworksOpenOnlyWhatTheyContain() throws Exception {
        AddressPolicy policy = AddressPolicy.allowing(List.of("127.0.0.1/32", "10.20.0.0/16"));
        assertFalse(policy.denial(InetAddress.getByName("127.0.0.1")).isPresent());
        assertTrue(policy.denial(InetAddress.getByName("127.0.0.2")).isPresent());
        assertFalse(policy.denial(InetAddress.getByName("10.20.255.1")).isPresent());
        assertTrue(policy.denial(InetAddress.getByName("10.21.0.1")).isPresent());
        assertTrue(policy.denial(InetAddress.getByName("169.254.169.254")).isPresent());
    }

    @Test
    void anAllowedNetworkOpensTheIpv6FormItselfNotWhatItCarries() throws Exception {
        AddressPolicy loopback = AddressPolicy.allowing(List.of("127.0.0.0/8"));
        assertTrue(loopback.denial(InetAddress.getByName("2002:7f00:1::1")).isPresent(),
                "a 6to4 relay, not this machine, would receive it");
        AddressPolicy sixToFour = AddressPolicy.allowing(List.of("2002:7f00:1::/48"));
        assertFalse(sixToFour.denial(InetAddress.getByName("2002:7f00:1::1")).isPresent());
    }

    @Test
    void cidrMatchesPrefixesOfAnyLength() throws Exception {
        Cidr cgnat = Cidr.parse("100.64.0.0/10");
        assertTrue(cgnat.contains(InetAddress.getByName("100.64.0.0")));
        assertTrue(cgnat.contains(InetAddress.getByName("100.127.255.255")));
        assertFalse(cgnat.contains(InetAddress.getByName("100.128.0.0")));
        assertFalse(cgnat.contains(InetAddress.getByName("::1")), "families never match");
        assertTrue(Cidr.parse("0.0.0.0/0").contains(InetAddress.getByName("8.8.8.8")));
        assertTrue(Cidr.parse("fc00::/7").contains(InetAddress.getByName("fdff::1")));
        assertTrue(Cidr.parse("192.0.2.7").contains(InetAddress.getByName("192.0.2.7")));
    }

    @Test
    void badCidrsAreRejectedWithTheReason() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Cidr.parse("example.com/8"))
                .getMessage().contains("is not a CIDR"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.0/33"))
                .getMessage().contains("0 to 32"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.0/x"))
                .getMessage().contains("no numeric prefix"));
    }
}
