package dev.fanout.fetcher.download;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.fetcher.net.AddressPolicy;
import dev.fanout.v1.FetchError;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FetchTargetTest {

    @Test
    void splitsAnAbsoluteUrl() throws FetchFailure {
        FetchTarget target = FetchTarget.parse("https://Example.com/a/b?x=1&y=%20");
        assertTrue(target.https());
        assertEquals("example.com", target.host());
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

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // URL                                 | host                | port  | Host header               | request URI
            "http://Example.COM/a                  | example.com         | 80    | example.com               | /a",
            "http://example.com.:8080/             | example.com         | 8080  | example.com:8080          | /",
            "https://example.com:443/x?q=1#frag    | example.com         | 443   | example.com               | /x?q=1",
            "http://[::1]:8080/                    | ::1                 | 8080  | [::1]:8080                | /",
            "http://[::FFFF:127.0.0.1]/            | ::ffff:127.0.0.1    | 80    | [::ffff:127.0.0.1]        | /",
            "http://127.0.0.1.:9/                  | 127.0.0.1           | 9     | 127.0.0.1:9               | /",
            "http://bücher.test/ä?ö=1              | xn--bcher-kva.test  | 80    | xn--bcher-kva.test        | /%C3%A4?%C3%B6=1",
            "http://h.test:/a%20b/%31              | h.test              | 80    | h.test                    | /a%20b/%31",
            "http://h.test:00080/                  | h.test              | 80    | h.test                    | /",
            "http://h.test:65535/                  | h.test              | 65535 | h.test:65535              | /"})
    void oneCanonicalFormForEveryClient(String url, String host, int port, String hostHeader, String requestUri)
            throws FetchFailure {
        FetchTarget target = FetchTarget.parse(url);
        assertEquals(host, target.host());
        assertEquals(port, target.port());
        assertEquals(hostHeader, target.hostHeader());
        assertEquals(requestUri, target.requestUri());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // URL                                 | the canonical URL every client is given
            "http://example.com:8080/a?b=1         | http://example.com:8080/a?b=1",
            "http://Example.COM/a                  | http://example.com/a",
            "https://example.com:443/x?q=1#frag    | https://example.com/x?q=1",
            "http://h.test:00080                   | http://h.test/",
            "http://[::FFFF:127.0.0.1]/            | http://[::ffff:127.0.0.1]/",
            "http://bücher.test/ä?ö=1              | http://xn--bcher-kva.test/%C3%A4?%C3%B6=1"})
    void theUrlItselfIsCanonical(String url, String canonical) throws FetchFailure {
        assertEquals(canonical, FetchTarget.parse(url).uri().toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "http://user:secret@example.com/       | credentials",
            "http://@example.com/                  | credentials",
            "http://example.com:0/                 | port 0 is out of range",
            "http://example.com:65536/             | port 65536 is out of range",
            "http://example.com:99999999999/       | port 99999999999 is out of range",
            "http://example.com:-1/                | out of range",
            "http://0177.0.0.1/                    | ambiguous IPv4 spelling",
            "http://0x7f.1/                        | ambiguous IPv4 spelling",
            "http://127.1/                         | ambiguous IPv4 spelling",
            "http://2130706433/                    | ambiguous IPv4 spelling",
            "http://127.0.0.1.1/                   | ambiguous IPv4 spelling",
            "http://256.0.0.1/                     | ambiguous IPv4 spelling",
            "http://example.123/                   | ambiguous IPv4 spelling",
            "http://%31%32%37.0.0.1/               | percent-encoded",
            "http://[fe80::1%25eth0]/              | IPv6 zone",
            "http://[::1/                          | not a valid URL",
            "http://[127.0.0.1]/                   | not a valid URL",
            "http://exa_mple..com/                 | not a valid host name",
            "http://-bad-.test/                    | not a valid host name",
            "http://./                             | no host name",
            "http://a b/                           | not a valid URL: Illegal character in authority at index 8",
            "http://h.test/%zz                     | not a valid URL"})
    void unclearUrlsAreInvalidWithTheReason(String url, String reason) {
        FetchFailure failure = assertThrows(FetchFailure.class, () -> FetchTarget.parse(url));
        assertEquals(FetchError.FETCH_ERROR_INVALID_URL, failure.error(), failure::getMessage);
        assertTrue(failure.getMessage().contains(reason), failure::getMessage);
    }

    /**
     * Random URL-ish text: parsing either gives a target both clients accept (port in range, a URI
     * HttpClient can send) or a FetchFailure, never another exception that would end a whole call.
     */
    @Test
    void noTextMakesTheParserThrowAnythingButAFetchFailure() {
        String alphabet = ":/[]@%.#?&=+ -_~!$'()*,;0123456789abcdefxXAFü\\t";
        java.util.SplittableRandom random = new java.util.SplittableRandom(12);
        for (int i = 0; i < 50_000; i++) {
            StringBuilder url = new StringBuilder(i % 3 == 0 ? "https://" : "http://");
            for (int n = random.nextInt(1, 30); n > 0; n--) {
                url.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            try {
                FetchTarget target = FetchTarget.parse(url.toString());
                assertTrue(target.port() >= 1 && target.port() <= 65535, url::toString);
                assertTrue(target.requestUri().startsWith("/"), url::toString);
                new org.apache.hc.client5.http.classic.methods.HttpGet(target.uri());
            } catch (FetchFailure expected) {
                assertTrue(!expected.getMessage().isBlank());
            }
        }
    }

    @Test
    void aUrlLongerThan8KiBIsInvalid() throws FetchFailure {
        String base = "http://h.test/";
        FetchTarget.parse(base + "a".repeat(FetchTarget.MAX_URL_LENGTH - base.length()));
        assertEquals(FetchError.FETCH_ERROR_INVALID_URL, code(base + "a".repeat(FetchTarget.MAX_URL_LENGTH)));
    }

    @Test
    void redirectsResolveAgainstTheAnsweringUrl() throws FetchFailure {
        FetchTarget from = FetchTarget.parse("http://example.com/a/b");
        assertEquals("http://example.com/c", from.redirect("/c").uri().toString());
        assertEquals("http://example.com/a/d", from.redirect("d").uri().toString());
        assertEquals("https://other.test/", from.redirect("https://other.test/").uri().toString());
        assertEquals(FetchError.FETCH_ERROR_UNSUPPORTED_SCHEME,
                assertThrows(FetchFailure.class, () -> from.redirect("file:///etc/passwd")).error());
        assertEquals(FetchError.FETCH_ERROR_INVALID_URL,
                assertThrows(FetchFailure.class, () -> from.redirect("http://0177.0.0.1/")).error());
        assertEquals("http://xn--bcher-kva.test/", from.redirect("//bücher.test/").uri().toString());
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
        assertTrue(new FetchFailure(FetchError.FETCH_ERROR_HTTP_STATUS, "HTTP 503 from x", true).isTransient());
        assertTrue(!new FetchFailure(FetchError.FETCH_ERROR_HTTP_STATUS, "HTTP 404 from x").isTransient());
        assertTrue(!new FetchFailure(FetchError.FETCH_ERROR_IO, "hostile head", false).isTransient());
        assertTrue(!new FetchFailure(FetchError.FETCH_ERROR_BLOCKED_ADDRESS, "no").isTransient());
        RetryPolicy retry = new RetryPolicy(2, java.time.Duration.ofMillis(100));
        FetchFailure refused = new FetchFailure(FetchError.FETCH_ERROR_CONNECT, "refused");
        // Jittered: within the upper half of 100 ms, then of 200 ms.
        for (int draw = 0; draw < 100; draw++) {
            long first = retry.nextDelay(refused, 1).toMillis();
            long second = retry.nextDelay(refused, 2).toMillis();
            assertTrue(first >= 50 && first <= 100, "first retry after " + first + " ms");
            assertTrue(second >= 100 && second <= 200, "second retry after " + second + " ms");
        }
        assertEquals(null, retry.nextDelay(refused, 3));
    }

    private static FetchError code(String url) {
        return assertThrows(FetchFailure.class, () -> FetchTarget.parse(url)).error();
    }
}
