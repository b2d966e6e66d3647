package dev.fanout.fetcher;

import java.util.HashMap;
import java.util.Map;

/** A standalone origin and a standalone fetcher allowed to reach it, for tests of one fetcher setting. */
public final class OriginAndFetcher implements AutoCloseable {

    private final StandaloneOrigin origin;
    private final StandaloneFetcher fetcher;

    /** {@code properties} are fanout.fetcher.* settings on top of allowing 127.0.0.1/32. */
    public OriginAndFetcher(Map<String, String> properties) throws Exception {
        Map<String, String> settings = new HashMap<>(properties);
        settings.putIfAbsent("fanout.fetcher.allowed-networks", "127.0.0.1/32");
        this.origin = new StandaloneOrigin();
        try {
            this.fetcher = new StandaloneFetcher("127.0.0.1", 0, settings);
        } catch (Exception e) {
            origin.close();
            throw e;
        }
    }

    public StandaloneOrigin origin() {
        return origin;
    }

    public FetchCalls calls() {
        return new FetchCalls("127.0.0.1", fetcher.port());
    }

    @Override
    public void close() throws Exception {
        try {
            fetcher.close();
        } finally {
            origin.close();
        }
    }
}
