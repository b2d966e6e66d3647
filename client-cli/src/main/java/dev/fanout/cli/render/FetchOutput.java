package dev.fanout.cli.render;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.fanout.cli.client.FetchOutcome;
import dev.fanout.v1.FetchError;
import dev.fanout.v1.FetchResult;
import dev.fanout.v1.FetchSummary;
import dev.fanout.v1.support.Labels;
import dev.fanout.v1.support.ProtoDurations;

/** Renders fetch results: fixed-width rows that can print as they stream in, and JSON objects. */
public final class FetchOutput {
    /** The widths of the right-aligned columns (#, STATUS, BYTES, TTFB MS, MS); the URL comes last, as it is. */
    private static final int[] WIDTHS = {5, 6, 10, 9, 9};

    private FetchOutput() {
    }

    public static String header() {
        return line("URL", "#", "STATUS", "BYTES", "TTFB MS", "MS");
    }

    /** One result under {@link #header}'s columns: once per result, so laid out without a Formatter (see {@link Numbers#ms}). */
    public static String row(FetchResult r) {
        String url = r.getError() == FetchError.FETCH_ERROR_UNSPECIFIED ? r.getUrl()
                : r.getUrl() + "  (" + Labels.of(r.getError()) + ": " + r.getErrorMessage() + ")";
        return line(url, Integer.toString(r.getIndex()), r.getStatus() == 0 ? "-" : Integer.toString(r.getStatus()),
                Numbers.grouped(r.getBytes()), Numbers.ms(ProtoDurations.millis(r.getTimeToFirstByte())),
                Numbers.ms(ProtoDurations.millis(r.getElapsed())));
    }

    /** The cells right-aligned to {@link #WIDTHS}, two spaces after each, then {@code last}. */
    private static String line(String last, String... cells) {
        StringBuilder line = new StringBuilder(56 + last.length());
        for (int i = 0; i < cells.length; i++) {
            line.repeat(' ', Math.max(0, WIDTHS[i] - cells[i].length())).append(cells[i]).append("  ");
        }
        return line.append(last).toString();
    }

    public static String summaryLine(FetchOutcome o) {
        FetchSummary s = o.summary();
        return String.format(Locale.ROOT, "%d ok, %d failed, %,d bytes; service %s ms, client %s ms; mode %s, concurrency %d, fetchers %d",
                s.getOk(), s.getFailed(), s.getBytes(), Numbers.ms(o.serviceMs()), Numbers.ms(o.clientMs()),
                Labels.of(s.getMode()), s.getConcurrency(), s.getFetchers());
    }

    public static Map<String, Object> result(FetchResult r) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("index", r.getIndex());
        json.put("url", r.getUrl());
        json.put("ok", r.getError() == FetchError.FETCH_ERROR_UNSPECIFIED);
        json.put("status", r.getStatus());
        json.put("bytes", r.getBytes());
        json.put("sha256", r.getSha256());
        json.put("ttfb_ms", Numbers.decimal(ProtoDurations.millis(r.getTimeToFirstByte())));
        json.put("elapsed_ms", Numbers.decimal(ProtoDurations.millis(r.getElapsed())));
        json.put("error", r.getError() == FetchError.FETCH_ERROR_UNSPECIFIED ? null : Labels.of(r.getError()));
        json.put("error_message", r.getErrorMessage());
        json.put("final_url", r.getFinalUrl());
        json.put("redirects", r.getRedirects());
        json.put("attempts", r.getAttempts());
        json.put("fetched_by", r.getFetchedBy());
        return json;
    }

    /** {@code traceId}: the trace --trace started, if it did. */
    public static Map<String, Object> summary(FetchOutcome o, Optional<String> traceId) {
        FetchSummary s = o.summary();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("ok", s.getOk());
        json.put("failed", s.getFailed());
        json.put("bytes", s.getBytes());
        json.put("elapsed_ms", Numbers.decimal(o.serviceMs()));
        json.put("client_ms", Numbers.decimal(o.clientMs()));
        json.put("mode", Labels.of(s.getMode()));
        json.put("concurrency", s.getConcurrency());
        json.put("fetchers", s.getFetchers());
        traceId.ifPresent(id -> json.put("trace_id", id));
        return json;
    }

    public static String document(FetchOutcome o, Optional<String> traceId) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("summary", summary(o, traceId));
        doc.put("results", o.results().stream().map(FetchOutput::result).toList());
        return Json.write(doc);
    }
}
