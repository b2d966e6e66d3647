package dev.fanout.fetcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.fetcher.testing.HostileOrigin;
import dev.fanout.fetcher.testing.HostileOrigin.Case;
import dev.fanout.v1.FetchError;
import dev.fanout.v1.FetchMode;
import dev.fanout.v1.FetchResult;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Mode parity: one table of tricky URLs (odd spellings, credentials, ports, schemes, IPv6 forms,
 * hostile responses) fetched in one call per mode, every mode held to the same FetchError per URL.
 * PODS runs through two peer fetchers on 127.0.0.2 and 127.0.0.3. Everything is on loopback; the
 * URLs naming other addresses are refused before any connection. The table of what each mode gave is
 * written to target/mode-parity.md.
 */
class ModeParityTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final Map<FetchMode, List<FetchResult>> SEEN = new ConcurrentHashMap<>();

    private static StandaloneOrigin origin;
    private static HostileOrigin hostile;
    private static HostileOrigin hostileV6;
    private static StandaloneFetcher peer2;
    private static StandaloneFetcher peer3;
    private static StandaloneFetcher coordinator;
    private static List<Row> table;

    /** One tricky input and what every mode must make of it: an error, or a success with this many bytes. */
    record Row(String name, String url, FetchError error, long bytes, String message) {
        static Row ok(String name, String url, long bytes) {
            return new Row(name, url, FetchError.FETCH_ERROR_UNSPECIFIED, bytes, "");
        }

        static Row fails(String name, String url, FetchError error) {
            return new Row(name, url, error, -1, "");
        }

        /** A response head over the limits: FETCH_ERROR_IO with the limits named, in every mode. */
        static Row overHeadLimits(String name, String url) {
            return new Row(name, url, FetchError.FETCH_ERROR_IO, -1, "response head over the fetcher's limits (at most 100 headers and 64 KiB");
        }
    }

    @BeforeAll
    static void start() throws Exception {
        origin = new StandaloneOrigin();
        hostile = new HostileOrigin("127.0.0.1");
        hostileV6 = new HostileOrigin("::1");
        Map<String, String> settings = Map.of("fanout.fetcher.allowed-networks", "127.0.0.1/32,::1/128",
                "fanout.fetcher.max-body-size", "1M");
        peer2 = new StandaloneFetcher("127.0.0.2", 0, settings);
        peer3 = new StandaloneFetcher("127.0.0.3", 0, settings);
        Map<String, String> coordinatorSettings = new LinkedHashMap<>(settings);
        coordinatorSettings.put("fanout.fetcher.peers", "127.0.0.2:" + peer2.port() + ",127.0.0.3:" + peer3.port());
        coordinator = new StandaloneFetcher("127.0.0.1", 0, coordinatorSettings);
        table = table();
    }

    private static List<Row> table() {
        String good = origin.url("/delay/0/bytes/");
        String port = String.valueOf(origin.port());
        String v6 = hostileV6.url(Case.ECHO_HOST);
        List<Row> rows = new ArrayList<>(List.of(
                Row.ok("plain URL", good + "100", 100),
                Row.ok("spaces around the URL", "  " + good + "5 ", 5),
                Row.ok("percent-encoded path", good + "%31%30%30", 100),
                Row.ok("trailing dot", "http://127.0.0.1.:" + port + "/origin/delay/0/bytes/7", 7),
                Row.ok("IDN host (punycode in hosts file)", "http://bücher.test:" + port + "/origin/delay/0/bytes/3", 3),
                Row.ok("upper-case scheme and host", "HTTP://LOOPBACK.TEST:" + port + "/origin/delay/0/bytes/4", 4),
                Row.ok("IPv6 literal: Host [::1]:port", v6, ("[::1]:" + hostileV6.port()).length()),
                Row.ok("IPv4-mapped IPv6 literal", "http://[::ffff:127.0.0.1]:" + port + "/origin/delay/0/bytes/6", 6),
                Row.fails("userinfo", "http://user:secret@127.0.0.1:" + port + "/origin/delay/0/bytes/1", FetchError.FETCH_ERROR_INVALID_URL),
                Row.fails("port 0", "http://127.0.0.1:0/", FetchError.FETCH_ERROR_INVALID_URL),
                Row.fails("port 65536", "http://127.0.0.1:65536/", FetchError.FETCH_ERROR_INVALID_URL),
                Row.fails("port 99999999999", "http://127.0.0.1:99999999999/", FetchError.FETCH_ERROR_INVALID_URL),
                Row.fails("space in host", "http://exa mple.com/", FetchError.FETCH_ERROR_INVALID_URL),
                Row.fails("not a URL", "not a url", FetchError.FETCH_ERROR_INVALID_URL),
                Row.fails("empty", "", FetchError.FETCH_ERROR_INVALID_URL),
                Row.fails("no host", "http:///x", FetchError.FETCH_ERROR_INVALID_URL),
                Row.fails("bad percent-encoding", good + "%zz", FetchError.FETCH_ERROR_INVALID_URL),
                Row.fails("percent-encoded host", "http://%31%32%37.0.0.1:" + port + "/", FetchError.FETCH_ERROR_INVALID_URL),
                Row.fails("URL over 8 KiB", good + "1?" + "a".repeat(9000), FetchError.FETCH_ERROR_INVALID_URL),
                Row.fails("IPv6 zone", "http://[fe80::1%25lo]:" + port + "/", FetchError.FETCH_ERROR_INVALID_URL),
                Row.fails("octal IPv4 0177.0.0.1", "http://0177.0.0.1:" + port + "/", FetchError.FETCH_ERROR_INVALID_URL),
                Row.fails("hex IPv4 0x7f.1", "http://0x7f.1:" + port + "/", FetchError.FETCH_ERROR_INVALID_URL),
                Row.fails("short IPv4 127.1", "http://127.1:" + port + "/", FetchError.FETCH_ERROR_INVALID_URL),
                Row.fails("integer IPv4 2130706433", "http://2130706433:" + port + "/", FetchError.FETCH_ERROR_INVALID_URL),
                Row.fails("ftp scheme", "ftp://127.0.0.1/file", FetchError.FETCH_ERROR_UNSUPPORTED_SCHEME),
                Row.fails("file scheme", "file:///etc/passwd", FetchError.FETCH_ERROR_UNSUPPORTED_SCHEME),
                Row.fails("data scheme", "data:text/plain,hi", FetchError.FETCH_ERROR_UNSUPPORTED_SCHEME),
                Row.fails("loopback not allowed (127.0.0.2)", "http://127.0.0.2:" + port + "/", FetchError.FETCH_ERROR_BLOCKED_ADDRESS),
                Row.fails("6to4 of 127.0.0.1", "http://[2002:7f00:1::1]:" + port + "/", FetchError.FETCH_ERROR_BLOCKED_ADDRESS),
                Row.fails("IPv4-translated 127.0.0.1", "http://[::ffff:0:7f00:1]:" + port + "/", FetchError.FETCH_ERROR_BLOCKED_ADDRESS),
                Row.fails("Teredo of 10.0.0.1", "http://[2001:0:4136:e378:8000:63bf:f5ff:fffe]/", FetchError.FETCH_ERROR_BLOCKED_ADDRESS),
                Row.fails("local-use NAT64", "http://[64:ff9b:1::a00:1]/", FetchError.FETCH_ERROR_BLOCKED_ADDRESS),
                Row.fails("unknown host", "http://no-such-host.test/", FetchError.FETCH_ERROR_DNS),
                Row.overHeadLimits("endless headers", hostile.url(Case.ENDLESS_HEADERS)),
                Row.overHeadLimits("1 MiB of headers", hostile.url(Case.MIB_OF_HEADERS)),
                Row.overHeadLimits("101 headers", hostile.url(Case.MANY_HEADERS)),
                Row.ok("40 KiB of headers (legal)", hostile.url(Case.LARGE_LEGAL_HEADERS), 2),
                Row.fails("slow headers", hostile.url(Case.SLOW_HEADERS), FetchError.FETCH_ERROR_TIMEOUT),
                Row.fails("slow body", hostile.url(Case.SLOW_BODY), FetchError.FETCH_ERROR_TIMEOUT),
                Row.fails("endless body", hostile.url(Case.ENDLESS_BODY), FetchError.FETCH_ERROR_BODY_TOO_LARGE),
                Row.ok("gzip bomb (not decoded)", hostile.url(Case.GZIP_BOMB), HostileOrigin.gzipBomb().length),
                Row.fails("redirect loop", hostile.url(Case.REDIRECT_LOOP), FetchError.FETCH_ERROR_TOO_MANY_REDIRECTS),
                Row.fails("short Content-Length", hostile.url(Case.SHORT_CONTENT_LENGTH), FetchError.FETCH_ERROR_IO),
                Row.fails("reset mid-body", hostile.url(Case.RESET_MID_BODY), FetchError.FETCH_ERROR_IO),
                Row.fails("garbage status line", hostile.url(Case.GARBAGE_STATUS_LINE), FetchError.FETCH_ERROR_IO),
                Row.ok("HTTP/1.0 close-delimited body", hostile.url(Case.HTTP10_CLOSE_DELIMITED), HostileOrigin.HTTP10_BODY.length)));
        return rows;
    }

    @AfterAll
    static void stop() throws Exception {
        writeTable();
        for (AutoCloseable closeable : new AutoCloseable[] {coordinator, peer2, peer3, hostile, hostileV6, origin}) {
            if (closeable != null) {
                closeable.close();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = FetchMode.class, names = {"FETCH_MODE_SEQUENTIAL", "FETCH_MODE_THREADS",
            "FETCH_MODE_VIRTUAL_THREADS", "FETCH_MODE_REACTIVE", "FETCH_MODE_PODS"})
    void everyModeGivesTheSameErrorForEachTrickyInput(FetchMode mode) throws Exception {
        List<String> urls = table.stream().map(Row::url).toList();
        try (FetchCalls calls = new FetchCalls("127.0.0.1", coordinator.port())) {
            FetchCalls.Outcome outcome = calls.fetch(FetchCalls.request(mode, 16, TIMEOUT, urls));
            List<FetchResult> results = outcome.byIndex();
            SEEN.put(mode, results);
            assertEquals(table.size(), results.size(), "one result per URL, none lost");
            List<String> wrong = new ArrayList<>();
            for (int i = 0; i < table.size(); i++) {
                Row row = table.get(i);
                FetchResult result = results.get(i);
                boolean bytesRight = row.bytes() < 0 || result.getBytes() == row.bytes() && result.getStatus() == 200;
                if (result.getError() != row.error() || !bytesRight || !result.getErrorMessage().contains(row.message())) {
                    wrong.add(row.name() + ": expected " + row.error() + (row.bytes() >= 0 ? " with " + row.bytes() + " bytes" : "")
                            + ", got " + result.getError() + " (" + result.getBytes() + " bytes, HTTP " + result.getStatus()
                            + ") " + result.getErrorMessage());
                }
                assertTrue(result.getErrorMessage().length() < 1000, "a message a person reads, not a dump");
            }
            assertEquals(List.of(), wrong, mode + " disagrees with the table");
            long ok = table.stream().filter(row -> row.error() == FetchError.FETCH_ERROR_UNSPECIFIED).count();
            assertEquals(ok, outcome.summary().getOk());
            assertEquals(table.size() - ok, outcome.summary().getFailed());

            // Sub-millisecond timeouts are refused for the call in every mode, never half-run.
            StatusRuntimeException tooShort = assertThrows(StatusRuntimeException.class,
                    () -> calls.fetch(FetchCalls.request(mode, 1, Duration.ofNanos(500_000), List.of(origin.url("/delay/0/bytes/1")))));
            assertEquals(Status.Code.INVALID_ARGUMENT, tooShort.getStatus().getCode());
            assertTrue(tooShort.getStatus().getDescription().contains("timeout 0.0005s is out of range: use 1 ms to"),
                    tooShort.getStatus()::getDescription);
        }
        String v6Host = "[::1]:" + hostileV6.port();
        assertTrue(hostileV6.hostHeaders().stream().allMatch(v6Host::equals), () -> "Host headers at the origin: " + hostileV6.hostHeaders());
    }

    /** target/mode-parity.md: each input, and what each mode made of it. */
    private static void writeTable() throws Exception {
        if (table == null || SEEN.isEmpty()) {
            return;
        }
        List<FetchMode> modes = SEEN.keySet().stream().sorted().toList();
        StringBuilder out = new StringBuilder("| input | expected | " + modes.stream().map(m -> m.name().substring(11))
                .collect(Collectors.joining(" | ")) + " |\n|---|---|" + "---|".repeat(modes.size()) + "\n");
        for (int i = 0; i < table.size(); i++) {
            Row row = table.get(i);
            out.append("| ").append(row.name()).append(" | ").append(describe(row.error(), row.bytes())).append(" |");
            for (FetchMode mode : modes) {
                FetchResult result = SEEN.get(mode).get(i);
                out.append(' ').append(describe(result.getError(), result.getError() == FetchError.FETCH_ERROR_UNSPECIFIED ? result.getBytes() : -1)).append(" |");
            }
            out.append('\n');
        }
        Files.writeString(Path.of("target", "mode-parity.md"), out.toString(), StandardCharsets.UTF_8);
    }

    private static String describe(FetchError error, long bytes) {
        return error == FetchError.FETCH_ERROR_UNSPECIFIED ? "ok " + bytes + " B" : error.name().substring(12);
    }
}
