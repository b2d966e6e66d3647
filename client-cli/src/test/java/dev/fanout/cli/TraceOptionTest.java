package dev.fanout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

/** --trace: the call carries a new W3C traceparent, and its trace id is on stderr and in --json. */
@CliTest
class TraceOptionTest {
    @RegisterExtension
    static final FakeServices services = new FakeServices();

    private static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-01");
    private static final Pattern PRINTED = Pattern.compile("trace id ([0-9a-f]{32})");

    @Test
    void computeSendsATraceparentAndPrintsItsTraceId(Launcher launcher) {
        LaunchResult result = launcher.launch("compute", "--mode", "single", "--end", "1000", "--json", "--trace",
                "--compute", services.address());
        assertEquals(0, result.exitCode(), result.getErrorOutput());
        String traceId = sentTraceId();
        assertEquals(traceId, printedTraceId(result));
        assertEquals(traceId, Cli.json(result.getOutput()).get("trace_id").asText());
        assertTrue(!traceId.matches("0+"), traceId);
    }

    @Test
    void fetchPutsTheTraceIdInTheSummaryOfBothJsonForms(Launcher launcher) {
        String url = "http://127.0.0.1:9/origin/delay/1/bytes/10";
        LaunchResult json = launcher.launch("fetch", "--url", url, "--json", "--trace", "--fetcher", services.address());
        assertEquals(0, json.exitCode(), json.getErrorOutput());
        String first = sentTraceId();
        assertEquals(first, Cli.json(json.getOutput()).get("summary").get("trace_id").asText());

        LaunchResult lines = launcher.launch("fetch", "--url", url, "--json-lines", "--trace", "--fetcher", services.address());
        assertEquals(0, lines.exitCode(), lines.getErrorOutput());
        String second = sentTraceId();
        JsonNode summary = Cli.json(lines.getOutputStream().getLast()).get("summary");
        assertEquals(second, summary.get("trace_id").asText());
        assertEquals(second, printedTraceId(lines));
        assertTrue(!first.equals(second), "each call starts its own trace");
    }

    @Test
    void withoutTraceNothingIsSentOrPrinted(Launcher launcher) {
        LaunchResult result = launcher.launch("compute", "--mode", "single", "--end", "1000", "--json", "--compute",
                services.address());
        assertEquals(0, result.exitCode(), result.getErrorOutput());
        assertNull(services.lastTraceparent());
        assertTrue(result.getErrorOutput().isEmpty(), result.getErrorOutput());
        assertNull(Cli.json(result.getOutput()).get("trace_id"));
    }

    private static String sentTraceId() {
        Matcher sent = TRACEPARENT.matcher(String.valueOf(services.lastTraceparent()));
        assertTrue(sent.matches(), "a sampled W3C traceparent: " + services.lastTraceparent());
        return sent.group(1);
    }

    private static String printedTraceId(LaunchResult result) {
        Matcher printed = PRINTED.matcher(result.getErrorOutput());
        assertTrue(printed.find(), "stderr: " + result.getErrorOutput());
        return printed.group(1);
    }
}
