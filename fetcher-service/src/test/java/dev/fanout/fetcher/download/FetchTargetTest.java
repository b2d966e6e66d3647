package dev.fanout.fetcher.download;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.fetcher.net.AddressPolicy;
import dev.fanout.v1.FetchError;
import java.util.List;
import org.junit.jupiter.api.Test;

class FetchTargetTest {

    @Test
    void splitsAnAbsoluteUrl() throws FetchFailure {
        FetchTarget target = FetchTarget.parse("https://Example.com/a/b?x=1&y=%20");
        assertTrue(target.https());
        assertEquals("Example.com", target.host());
        assertEquals(443, target.port());
        assertEquals("/a/b?x=1&y=%20", target.requestUri());
        assertEquals(80, FetchTarget.parse("http://example.com").port());
        assertEquals("/", FetchTarget.parse("http://example.com").requestUri());
        assertEquals("::1", FetchTarget.parse("http://[::1]:8080/").host());
    }

    @Test
    void badUrlsFailWithTheirCode() {
        assertEquals(FetchError.FETCH_ERROR_INVALID_URL, code("http://exa mple.com/"));
        assertEquals(FetchError.FETCH_ERROR_INVALID_URL, code("/relative/path"));
        assertEquals(FetchError.FETCH_ERROR_INVALID_URL, code("http:///no-host"));
        assertEquals(FetchError.FETCH_ERROR_UNSUPPORTED_SCHEME, code("file:///etc/passwd"));
        assertEquals(FetchError.FETCH_ERROR_UNSUPPORTED_SCHEME, code("gopher://example.com/"));
    }

    @Test
    void redirectsResolveAgainstTheAnsweringUrl() throws FetchFailure {
        FetchTarget from = FetchTarget.parse("http://example.com/a/b");
        assertEquals("http://example.com/c", from.redirect("/c").uri().toString());
        assertEquals("http://example.com/a/d", from.redirect("d").uri().toString());
        assertEquals("https://other.test/", from.redirect("https://other.test/").uri().toString());
        assertEquals(FetchError.FETCH_ERROR_UNSUPPORTED_SCHEME,
                assertThrows(FetchFailure.class, () -> from.redirect("file:///etc/passwd")).error());
    }

    @Test
    void theResolverRefusesInternalAddressesWithoutConnecting() {
        TargetResolver resolver = new TargetResolver(AddressPolicy.allowing(List.of("127.0.0.1/32")));
        FetchFailure failure = assertThrows(FetchFailure.class,
                () -> resolver.resolve(FetchTarget.parse("http://169.254.169.254/latest/meta-data/")));
        assertEquals(FetchError.FETCH_ERROR_BLOCKED_ADDRESS, failure.error());
        assertTrue(failure.getMessage().contains("fanout.fetcher.allowed-networks"));
    }

    @Test
    void onlyConnectAndIoFailuresAndGatewayStatusesAreTransient() {
        assertTrue(new FetchFailure(FetchError.FETCH_ERROR_CONNECT, "refused").isTransient());
        assertTrue(new FetchFailure(FetchError.FETCH_ERROR_HTTP_STATUS, "HTTP 503 from x").isTransient());
        assertTrue(!new FetchFailure(FetchError.FETCH_ERROR_HTTP_STATUS, "HTTP 404 from x").isTransient());
        assertTrue(!new FetchFailure(FetchError.FETCH_ERROR_BLOCKED_ADDRESS, "no").isTransient());
        RetryPolicy retry = new RetryPolicy(2, java.time.Duration.ofMillis(100));
        FetchFailure refused = new FetchFailure(FetchError.FETCH_ERROR_CONNECT, "refused");
        assertEquals(java.time.Duration.ofMillis(100), retry.nextDelay(refused, 1));
        assertEquals(java.time.Duration.ofMillis(200), retry.nextDelay(refused, 2));
        assertEquals(null, retry.nextDelay(refused, 3));
    }

    private static FetchError code(String url) {
        return assertThrows(FetchFailure.class, () -> FetchTarget.parse(url)).error();
    }
}
