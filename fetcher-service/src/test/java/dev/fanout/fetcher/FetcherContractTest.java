package dev.fanout.fetcher;

import dev.fanout.runtime.testing.ServedContractTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

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

    @Override
    protected GrpcurlExample grpcurlExample() {
        String url = "http://127.0.0.1:" + RestAssured.port + "/origin/delay/100/bytes/10000";
        return new GrpcurlExample("fanout.v1.Fetcher/Fetch",
                "{\"urls\": [\"" + url + "\"], \"mode\": \"FETCH_MODE_SEQUENTIAL\"}",
                "{\"summary\":{\"ok\":1,");
    }
}
