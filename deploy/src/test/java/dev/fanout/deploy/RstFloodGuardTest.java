package dev.fanout.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The HTTP/2 rapid-reset guard is set, and set alike, in both services (RapidResetIT proves what it does). */
class RstFloodGuardTest {

    private static final List<String> SETTINGS = List.of("quarkus.http.limits.rst-flood-max-rst-frame-per-window",
            "quarkus.http.limits.rst-flood-window-duration");

    @Test
    void bothServicesSetTheSameLimits() {
        ServiceConfig compute = ServiceConfig.of("compute-service");
        ServiceConfig fetcher = ServiceConfig.of("fetcher-service");
        for (String setting : SETTINGS) {
            assertNotNull(compute.properties().getProperty(setting), setting + " in compute-service");
            assertEquals(compute.properties().getProperty(setting), fetcher.properties().getProperty(setting), setting);
        }
    }
}
