package dev.fanout.cli.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HostPortTest {

    @Test
    void parsesHostsAndBracketedIpv6() {
        assertEquals(new HostPort("127.0.0.1", 8081), HostPort.parse("127.0.0.1:8081"));
        assertEquals(new HostPort("compute.fanout.svc", 80), HostPort.parse("compute.fanout.svc:80"));
        HostPort v6 = HostPort.parse("[::1]:8082");
        assertEquals("::1", v6.host());
        assertEquals("[::1]:8082", v6.toString());
        assertEquals("http://[::1]:8082", v6.httpBase());
    }

    @Test
    void rejectsWhatIsNotHostPort() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> HostPort.parse("localhost")).getMessage().contains("HOST:PORT"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> HostPort.parse("h:0")).getMessage().contains("1 to 65535"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> HostPort.parse("h:http")).getMessage().contains("not a number"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> HostPort.parse("::1:80")).getMessage().contains("brackets"));
    }

    @Test
    void aUrlIsRefusedWithTheAddressItHolds() {
        ValueFix fix = assertThrows(ValueFix.class, () -> HostPort.parse("http://127.0.10.1:8081"));
        assertEquals("drop the scheme 'http://' (a gRPC address is HOST:PORT)", fix.getMessage());
        assertEquals("127.0.10.1:8081", fix.fixed());
        assertEquals("[::1]:8082", assertThrows(ValueFix.class, () -> HostPort.parse("https://[::1]:8082/fetch")).fixed());
        assertEquals("[::1]:PORT", assertThrows(ValueFix.class, () -> HostPort.parse("https://[::1]")).fixed());
        assertEquals("compute:PORT", assertThrows(ValueFix.class, () -> HostPort.parse("dns://compute")).fixed());
    }
}
