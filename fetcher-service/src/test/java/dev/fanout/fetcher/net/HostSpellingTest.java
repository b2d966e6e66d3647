package dev.fanout.fetcher.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Host spellings alone: nothing is looked up or connected to. */
class HostSpellingTest {

    @ParameterizedTest
    @CsvSource({
            "Example.COM, example.com", "example.com., example.com", "127.0.0.1, 127.0.0.1", "127.0.0.1., 127.0.0.1",
            "0.0.0.0, 0.0.0.0", "255.255.255.255, 255.255.255.255", "[::1], ::1", "[::FFFF:7F00:1], ::ffff:7f00:1",
            "bücher.example, xn--bcher-kva.example", "münchen.de., xn--mnchen-3ya.de", "under_score.test, under_score.test",
            "a1.b2.c3, a1.b2.c3", "x.0x7fz, x.0x7fz"})
    void oneCanonicalSpelling(String host, String canonical) {
        assertEquals(canonical, HostSpelling.canonical(host));
    }

    /** Octal, hex, shortened, integer and out-of-range IPv4 forms, which parsers read differently. */
    @ParameterizedTest
    @ValueSource(strings = {"0177.0.0.1", "0x7f.0.0.1", "0x7f.1", "127.1", "127.0.1", "2130706433", "0x7f000001",
            "017700000001", "127.0.0.01", "127.0.0.1.1", "256.1.1.1", "1.2.3.4.5.", "example.123", "example.0x1f", "1..2.3",
            "0x"})
    void ambiguousIpv4SpellingsAreRefused(String host) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> HostSpelling.canonical(host));
        assertTrue(refused.getMessage().contains("ambiguous IPv4 spelling") || refused.getMessage().contains("not a valid"),
                refused::getMessage);
    }

    @ParameterizedTest
    @ValueSource(strings = {"%31%32%37.0.0.1", "exa%2Emple.com", "[fe80::1%25eth0]", "[::1", "[1.2.3.4]", "[g::1]",
            "a..b", "-a.test", "a-.test", ".", "", "a b.test", "a!b.test", "xn--bcher-kva..test"})
    void otherBadHostsAreRefused(String host) {
        assertThrows(IllegalArgumentException.class, () -> HostSpelling.canonical(host));
    }

    @ParameterizedTest
    @CsvSource({"127.0.0.1, true", "::1, true", "::ffff:7f00:1, true", "example.com, false", "a1.b2.c3, false"})
    void literalsNeedNoLookup(String canonical, boolean literal) {
        assertEquals(literal, HostSpelling.isIpLiteral(canonical));
    }
}
