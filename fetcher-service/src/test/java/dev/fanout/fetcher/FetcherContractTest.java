package dev.fanout.fetcher;

import dev.fanout.proto.testing.ServedContractTest;
import io.quarkus.test.junit.QuarkusTest;

/** The fetcher serves fanout.v1.Fetcher, health, documented reflection and metrics on one port. */
@QuarkusTest
class FetcherContractTest extends ServedContractTest {

    @Override
    protected String contractService() {
        return "fanout.v1.Fetcher";
    }

    @Override
    protected String commentExcerpt() {
        return "Fetcher downloads a list of URLs";
    }
}
