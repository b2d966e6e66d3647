package dev.fanout.fetcher;

import dev.fanout.runtime.testing.ServedAppTest;
import org.junit.jupiter.api.BeforeEach;

/** A {@code @QuarkusTest} that fetches from the app's built-in {@link #origin} through the app itself. */
abstract class ServedFetcherTest extends ServedAppTest {

    protected FetchCalls calls;
    protected String origin;

    @BeforeEach
    void callTheFetcher() {
        calls = new FetchCalls(channel);
        origin = url("/origin");
    }
}
