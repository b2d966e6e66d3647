package dev.fanout.fetcher.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPOutputStream;

/**
 * An HTTP/1.x server on a raw socket that answers each path with one kind of misbehaviour, for tests
 * that a fetcher survives any response: {@code GET /<case>} with a {@link Case}'s path. Each
 * connection gets its own virtual thread and is closed after one response; endless cases write until
 * the client goes away or {@link #close()}. Bind it to loopback only (127.x.y.z or ::1).
 */
public final class HostileOrigin implements AutoCloseable {

    /** The misbehaviours, with what a careful client should make of them. */
    public enum Case {
        /** A status line, then header lines forever. */
        ENDLESS_HEADERS("endless-headers"),
        /** 1 MiB of headers in 64 lines of 16 KiB (fewer lines than a count limit), then a body. */
        MIB_OF_HEADERS("mib-of-headers"),
        /** 101 small headers: over a 100-header limit, a few KiB in all. */
        MANY_HEADERS("many-headers"),
        /** 40 KiB of headers in 10 lines: more than Vert.x's default 8 KiB, legal under a 64 KiB limit. */
        LARGE_LEGAL_HEADERS("large-legal-headers"),
        /** The status line, then one header byte every 200 ms, forever. */
        SLOW_HEADERS("slow-headers"),
        /** A complete head announcing 1 MB, then one body byte every 100 ms. */
        SLOW_BODY("slow-body"),
        /** A chunked body that never ends, as fast as the client reads. */
        ENDLESS_BODY("endless-body"),
        /** Content-Encoding: gzip over 64 MiB of zeros (about 64 KiB on the wire). */
        GZIP_BOMB("gzip-bomb"),
        /** 302 to itself, forever. */
        REDIRECT_LOOP("redirect-loop"),
        /** Content-Length: 1000, then 10 bytes and a normal close. */
        SHORT_CONTENT_LENGTH("short-content-length"),
        /** Content-Length: 1000000, 1000 bytes, then a TCP reset (SO_LINGER 0). */
        RESET_MID_BODY("reset-mid-body"),
        /** Not HTTP: a line of text and a close. */
        GARBAGE_STATUS_LINE("garbage-status-line"),
        /** HTTP/1.0 without Content-Length: the body ends when the connection closes (legal). */
        HTTP10_CLOSE_DELIMITED("http10-close-delimited"),
        /** 200 with the request's Host header as the body, so a test sees what each client sent. */
        ECHO_HOST("echo-host");

        private final String path;

        Case(String path) {
            this.path = path;
        }

        public String path() {
            return "/" + path;
        }
    }

    /** The body of {@link Case#HTTP10_CLOSE_DELIMITED}. */
    public static final byte[] HTTP10_BODY = "close-delimited body of HTTP/1.0\n".getBytes(StandardCharsets.US_ASCII);
    /** The bytes {@link Case#GZIP_BOMB} sends: compressed once, when first asked for. */
    private static volatile byte[] gzipBomb;

    private final String host;
    private final ServerSocket server;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final List<String> hostHeaders = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    /** {@code host}: a loopback address as it is to appear in URLs, e.g. 127.0.0.9 or ::1. */
    public HostileOrigin(String host) throws IOException {
        this.host = host;
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getByName(host), 0), 200);
        Thread.ofVirtual().name("hostile-accept").start(this::accept);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** The URL of a case on this server, with an IPv6 address in brackets. */
    public String url(Case kind) {
        return "http://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port() + kind.path();
    }

    /** Host headers of the requests so far, in arrival order. */
    public List<String> hostHeaders() {
        return List.copyOf(hostHeaders);
    }

    /** The gzip bomb's bytes on the wire, which is what a fetcher that does not decode reports. */
    public static byte[] gzipBomb() {
        if (gzipBomb == null) {
            ByteArrayOutputStream compressed = new ByteArrayOutputStream();
            try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
                byte[] zeros = new byte[1 << 20];
                for (int i = 0; i < 64; i++) {
                    gzip.write(zeros);
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            gzipBomb = compressed.toByteArray();
        }
        return gzipBomb;
    }

    private void accept() {
        while (!closed) {
            try {
                Socket socket = server.accept();
                open.add(socket);
                Thread.ofVirtual().name("hostile-conn").start(() -> serve(socket));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            String head = readHead(socket.getInputStream());
            String path = head.substring(head.indexOf(' ') + 1, head.indexOf(' ', head.indexOf(' ') + 1));
            head.lines().filter(line -> line.regionMatches(true, 0, "host:", 0, 5))
                    .map(line -> line.substring(5).strip()).findFirst().ifPresent(hostHeaders::add);
            OutputStream out = socket.getOutputStream();
            Case kind = List.of(Case.values()).stream().filter(c -> c.path().equals(path)).findFirst().orElse(null);
            if (kind == null) {
                write(out, "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                return;
            }
            respond(kind, socket, out, hostHeaders.isEmpty() ? "" : hostHeaders.getLast());
        } catch (IOException | InterruptedException | RuntimeException gone) {
            // the client went away or the server closed: that is how endless cases end
        } finally {
            open.remove(socket);
        }
    }

    private void respond(Case kind, Socket socket, OutputStream out, String host) throws IOException, InterruptedException {
        switch (kind) {
            case ENDLESS_HEADERS -> {
                write(out, "HTTP/1.1 200 OK\r\n");
                byte[] line = "X-Endless: 0123456789abcdef0123456789abcdef\r\n".getBytes(StandardCharsets.US_ASCII);
                while (!closed) {
                    out.write(line);
                }
            }
            case MIB_OF_HEADERS -> headers(out, 64, 16 * 1024);
            case MANY_HEADERS -> headers(out, 101, 10);
            case LARGE_LEGAL_HEADERS -> headers(out, 10, 4 * 1024);
            case SLOW_HEADERS -> {
                write(out, "HTTP/1.1 200 OK\r\nX-Slow: ");
                while (!closed) {
                    out.write('a');
                    out.flush();
                    Thread.sleep(200);
                }
            }
            case SLOW_BODY -> {
                write(out, "HTTP/1.1 200 OK\r\nContent-Length: 1000000\r\nConnection: close\r\n\r\n");
                while (!closed) {
                    out.write('a');
                    out.flush();
                    Thread.sleep(100);
                }
            }
            case ENDLESS_BODY -> {
                write(out, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
                byte[] chunk = new byte[64 * 1024];
                byte[] size = (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
                while (!closed) {
                    out.write(size);
                    out.write(chunk);
                    out.write('\r');
                    out.write('\n');
                }
            }
            case GZIP_BOMB -> {
                byte[] bomb = gzipBomb();
                write(out, "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Type: application/octet-stream\r\n"
                        + "Content-Length: " + bomb.length + "\r\nConnection: close\r\n\r\n");
                out.write(bomb);
            }
            case REDIRECT_LOOP -> write(out, "HTTP/1.1 302 Found\r\nLocation: " + kind.path()
                    + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            case SHORT_CONTENT_LENGTH -> write(out, "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\nConnection: close\r\n\r\n"
                    + "0123456789");
            case RESET_MID_BODY -> {
                write(out, "HTTP/1.1 200 OK\r\nContent-Length: 1000000\r\nConnection: close\r\n\r\n");
                out.write(new byte[1000]);
                out.flush();
                Thread.sleep(50); // let the head and the first bytes arrive before the reset
                socket.setSoLinger(true, 0);
            }
            case GARBAGE_STATUS_LINE -> write(out, "THIS IS NOT HTTP AT ALL\r\n\r\n");
            case HTTP10_CLOSE_DELIMITED -> {
                write(out, "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\n");
                out.write(HTTP10_BODY);
            }
            case ECHO_HOST -> write(out, "HTTP/1.1 200 OK\r\nContent-Length: " + host.length()
                    + "\r\nConnection: close\r\n\r\n" + host);
        }
        out.flush();
    }

    /** A 200 with {@code count} headers of {@code size} value bytes each, then a short body. */
    private static void headers(OutputStream out, int count, int size) throws IOException {
        StringBuilder head = new StringBuilder("HTTP/1.1 200 OK\r\n");
        String value = "v".repeat(size);
        for (int i = 0; i < count; i++) {
            head.append("X-Header-").append(i).append(": ").append(value).append("\r\n");
        }
        write(out, head.append("Content-Length: 2\r\nConnection: close\r\n\r\nok").toString());
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** The request head, up to its blank line (at most 64 KiB). */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4 && head.size() < 64 * 1024) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the client closed before the end of its request");
            }
            head.write(b);
            matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : b == '\r' ? 1 : 0;
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        for (Socket socket : open) {
            socket.close();
        }
    }
}
