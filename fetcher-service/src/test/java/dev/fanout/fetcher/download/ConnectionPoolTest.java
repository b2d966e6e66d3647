package dev.fanout.fetcher.download;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fanout.fetcher.FetchCalls;
import dev.fanout.fetcher.OriginAndFetcher;
import dev.fanout.v1.FetchMode;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * fanout.fetcher.max-connections-per-host holds a call to that many connections to one origin even
 * when its concurrency is higher, and those connections are kept alive and reused across calls. The
 * reactive mode keeps a pool per event loop and runs a call on one loop: this harness's calls come
 * off the loops and are dealt one loop each, so its two calls keep two connections each.
 */
class ConnectionPoolTest {

    @ParameterizedTest
    @EnumSource(value = FetchMode.class, names = {"FETCH_MODE_THREADS", "FETCH_MODE_VIRTUAL_THREADS", "FETCH_MODE_REACTIVE"})
    void aCallUsesAtMostTheHostLimitOfKeptAliveConnections(FetchMode mode) throws Exception {
        try (OriginAndFetcher local = new OriginAndFetcher(Map.of("fanout.fetcher.max-connections-per-host", "2"));
                FetchCalls calls = local.calls()) {
            List<String> urls = Collections.nCopies(6, local.origin().url("/delay/200/bytes/10"));
            for (int call = 0; call < 2; call++) {
                assertEquals(6, calls.fetch(FetchCalls.request(mode, 6, null, urls)).summary().getOk());
            }
            assertEquals(12, local.origin().stat("started"));
            assertEquals(2, local.origin().stat("peakInFlight"), "requests in flight at once, for a concurrency of 6");
            assertEquals(mode == FetchMode.FETCH_MODE_REACTIVE ? 4 : 2, local.origin().stat("connections"),
                    "connections opened for 12 requests in 2 calls");
        }
    }
}
