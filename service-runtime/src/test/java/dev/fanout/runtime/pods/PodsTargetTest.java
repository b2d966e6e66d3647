package dev.fanout.runtime.pods;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class PodsTargetTest {

    @Test
    void targetsAreParsedOrRefusedWithAReason() {
        assertEquals(List.of(new PodsTarget.Entry("workers", 8081)), PodsTarget.parse("dns:///workers:8081").entries());
        assertEquals(List.of(new PodsTarget.Entry("127.0.0.1", 1), new PodsTarget.Entry("::1", 2)),
                PodsTarget.parse(" 127.0.0.1:1, [::1]:2 ").entries());
        assertEquals("worker \"workers\" needs the form host:port",
                assertThrows(IllegalArgumentException.class, () -> PodsTarget.parse("workers")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> PodsTarget.parse("dns://127.0.0.53/workers:1"));
        assertThrows(IllegalArgumentException.class, () -> PodsTarget.parse(" , "));
    }
}
