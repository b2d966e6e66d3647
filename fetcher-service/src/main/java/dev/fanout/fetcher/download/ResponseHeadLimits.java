package dev.fanout.fetcher.download;

import dev.fanout.v1.FetchError;

/**
 * The one limit on a response head, the same in every mode: at most {@link #MAX_HEADERS} header
 * lines and {@link #MAX_HEAD_BYTES} bytes for the status line and the headers together. Checked
 * exactly on the parsed head by both clients; each client's parser is also held to
 * {@link #PARSER_GUARD} bytes while it reads, which bounds its memory before the head is complete
 * (endless headers) and only trips on heads that the exact check refuses anyway.
 *
 * <p>Why these numbers: real responses stay far below them (a few KiB, with many cookies some tens
 * of KiB); Apache httpd caps a request at 100 fields, Vert.x's client at 8 KiB of headers (too tight
 * for cookie-heavy sites); 64 KiB times the largest concurrency (1000) stays a bounded 64 MiB.
 */
public final class ResponseHeadLimits {

    public static final int MAX_HEAD_BYTES = 64 * 1024;
    public static final int MAX_HEADERS = 100;
    /** Raw bytes a parser may hold for one head: whitespace and line ends are not in the exact count. */
    static final int PARSER_GUARD = 2 * MAX_HEAD_BYTES;

    /** What the exact check counts per status line ("HTTP/1.1 200 " and CRLF) and per header (": " and CRLF). */
    private static final int STATUS_LINE_OVERHEAD = 15;
    private static final int HEADER_OVERHEAD = 4;

    private ResponseHeadLimits() {
    }

    /** Adds up a parsed head: the status line's reason phrase, then each header's name and value. */
    static final class Tally {
        private int headers;
        private long bytes;

        Tally(String reasonPhrase) {
            bytes = STATUS_LINE_OVERHEAD + (reasonPhrase == null ? 0 : reasonPhrase.length());
        }

        void header(String name, String value) {
            headers++;
            bytes += name.length() + (value == null ? 0 : value.length()) + HEADER_OVERHEAD;
        }

        void check(FetchTarget target) throws FetchFailure {
            if (headers > MAX_HEADERS || bytes > MAX_HEAD_BYTES) {
                throw exceeded(target);
            }
        }
    }

    static FetchFailure exceeded(FetchTarget target) {
        return new FetchFailure(FetchError.FETCH_ERROR_IO, target.authority() + " sent a response head over the"
                + " fetcher's limits (at most " + MAX_HEADERS + " headers and " + MAX_HEAD_BYTES / 1024
                + " KiB for the status line and headers); reading stopped", false); // the origin would send it again
    }

    /** Thrown by the blocking client's parser past {@link #PARSER_GUARD}. */
    static final class HeadTooLarge extends java.io.IOException {
        HeadTooLarge() {
            super("response head larger than " + PARSER_GUARD + " bytes", null);
        }
    }
}
