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
            "::ffff:10.0.0.1, private", "::10.0.0.1, IPv4-compatible", "64:ff9b::a00:1, NAT64"})
    void internalAddressesAreDenied(String address, String category) throws Exception {
        Optional<String> denial = closed.denial(InetAddress.getByName(address));
        assertTrue(denial.isPresent(), address + " must be denied");
        assertTrue(denial.get().contains(category), () -> address + ": " + denial.get());
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "93.184.216.34", "2606:4700::1111"})
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
