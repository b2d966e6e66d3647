package dev.fanout.fetcher.download;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.util.Timeout;
import dev.fanout.v1.FetchResult;

/**
 * Downloads one URL on the calling thread with Apache HttpClient 5 (pooled keep-alive connections,
 * a per-host limit). Used by the SEQUENTIAL, THREADS and VIRTUAL_THREADS modes. Redirects and
 * retries are followed here so that every hop passes the SSRF guard.
 */
public final class BlockingDownloader implements AutoCloseable {

    private static final int CHUNK = 64 * 1024;
    /** The least a body's read buffer is: a body that says its length gets no more than that. */
    private static final int SMALL_CHUNK = 8 * 1024;
    /**
     * A large body is read in units this big, each filled by as many socket reads as it takes: a
     * unit is handed to the hashing thread at once, and four times fewer units than 64 KiB chunks
     * mean four times fewer hand-overs and wake-ups of the reading thread.
     */
    private static final int HAND_OVER_UNIT = 256 * 1024;
    /** Units of a large body read ahead of its hashing (see {@link BodyDigest#handOver}): 1 MiB. */
    private static final int HANDED_OVER = 4;

    private final DownloadSettings settings;
    private final TargetResolver resolver;
    private final DownloadTimers timers;
    private final CloseableHttpClient client;

    public BlockingDownloader(DownloadSettings settings, TargetResolver resolver, DownloadTimers timers) {
        this.settings = settings;
        this.resolver = resolver;
        this.timers = timers;
        Timeout connect = Timeout.of(settings.connectTimeout());
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnPerRoute(settings.maxConnectionsPerHost())
                        .setMaxConnTotal(settings.maxConnectionsPerHost() * 16)
                        .setConnectionFactory(ManagedHttpClientConnectionFactory.builder()
                                .http1Config(Http1Config.custom()
                                        .setMaxLineLength(ResponseHeadLimits.PARSER_GUARD)
                                        .setMaxHeaderCount(ResponseHeadLimits.MAX_HEADERS)
                                        .build())
                                .responseParserFactory(BoundedHeadParser.factory())
                                .build())
                        // No read timeout: every download's own timer (fetch) aborts it at its timeout,
                        // which closes the socket under a read. On a virtual thread a read with a timeout
                        // is a timed park, and each one wakes the JDK's delay scheduler thread: a
                        // twelfth of VIRTUAL_THREADS' CPU per URL, for a bound the timer already keeps.
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(connect)
                                .setSocketTimeout(Timeout.DISABLED)
                                .build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(Timeout.of(settings.maxTimeout()))
                        .setResponseTimeout(Timeout.DISABLED)
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableContentCompression()
                .disableCookieManagement()
                .setUserAgent(DownloadSettings.USER_AGENT)
                .build();
    }

    /** Downloads {@code url} within {@code timeout}; never throws: every failure is a failed result. */
    public FetchResult fetch(int index, String url, Duration timeout, DownloadAborts aborts) {
        UrlProgress progress = new UrlProgress(index, url, settings.fetchedBy(), settings.maxBodySize());
        InFlight inFlight = new InFlight();
        DownloadTimers.Timeout timer = timers.schedule(timeout, () -> inFlight.abort(Abort.TIMEOUT));
        try (DownloadAborts.Registration ignored = aborts.onAbort(() -> inFlight.abort(Abort.CANCEL))) {
            FetchTarget requested = FetchTarget.parse(url);
            while (true) {
                progress.startAttempt();
                try {
                    return attempt(requested, progress, inFlight);
                } catch (FetchFailure failure) {
                    Duration delay = settings.retry().nextDelay(failure, progress.attempts());
                    if (delay == null || inFlight.aborted != null) {
                        throw failure;
                    }
                    Thread.sleep(delay);
                }
            }
        } catch (FetchFailure failure) {
            return progress.failed(inFlight.aborted == Abort.TIMEOUT ? Failures.timeout(timeout)
                    : inFlight.aborted == Abort.CANCEL ? Failures.cancelled() : failure);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return progress.failed(Failures.cancelled());
        } finally {
            timer.cancel();
        }
    }

    /** One attempt: request, then redirects, then the final body. */
    private FetchResult attempt(FetchTarget requested, UrlProgress progress, InFlight inFlight) throws FetchFailure {
        FetchTarget target = requested;
        while (true) {
            InetAddress address = resolver.resolve(target);
            HttpGet request = new HttpGet(target.uri());
            request.setHeader(HttpHeaders.HOST, target.hostHeader());
            inFlight.start(request);
            HttpHost host = new HttpHost(target.https() ? "https" : "http", address, target.host(), target.port());
            try (ClassicHttpResponse response = client.executeOpen(host, request, null)) {
                checkHead(response, target);
                int status = response.getCode();
                Header location = response.getFirstHeader("Location");
                if (Redirects.isRedirect(status, location == null ? null : location.getValue())) {
                    progress.responseStatus(status);
                    target = target.redirect(location.getValue());
                    if (!progress.redirectTo(target.uri().toString(), settings.maxRedirects())) {
                        throw Failures.tooManyRedirects(settings.maxRedirects());
                    }
                    continue;
                }
                BodyDigest body = progress.finalResponse(status);
                readBody(response.getEntity(), body, progress, request);
                return progress.completed();
            } catch (IOException | RuntimeException e) {
                // HttpClient throws CancellationException and IllegalStateException when aborted mid-lease
                throw Failures.classify(e, target);
            }
        }
    }

    private static void checkHead(ClassicHttpResponse response, FetchTarget target) throws FetchFailure {
        ResponseHeadLimits.Tally head = new ResponseHeadLimits.Tally(response.getReasonPhrase());
        for (Header header : response.getHeaders()) {
            head.header(header.getName(), header.getValue());
        }
        head.check(target);
    }

    private static void readBody(HttpEntity entity, BodyDigest body, UrlProgress progress, HttpGet request)
            throws IOException {
        if (entity == null) {
            return;
        }
        try (InputStream in = entity.getContent()) {
            // A 10 kB body needs no 64 KiB buffer: allocating and zeroing it was a twentieth of a
            // small download's CPU.
            long length = entity.getContentLength();
            byte[] buffer = new byte[length < 0 ? CHUNK : (int) Math.clamp(length, SMALL_CHUNK, CHUNK)];
            int read;
            while (body.bytes() < BodyDigest.HAND_OVER_AFTER) {
                if ((read = in.read(buffer)) < 0) {
                    return;
                }
                progress.firstByte();
                if (!body.update(buffer, read)) {
                    stop(request);
                    return;
                }
            }
            handOverTheRest(in, body, request);
        }
    }

    /** Reads a large body's rest in units hashed on the body's own thread while the next ones are read. */
    private static void handOverTheRest(InputStream in, BodyDigest body, HttpGet request) throws IOException {
        ArrayBlockingQueue<byte[]> free = new ArrayBlockingQueue<>(HANDED_OVER);
        int allocated = 0;
        try {
            while (true) {
                byte[] unit = free.poll();
                if (unit == null) {
                    unit = allocated++ < HANDED_OVER ? new byte[HAND_OVER_UNIT] : free.take();
                }
                int read = in.readNBytes(unit, 0, unit.length);
                if (read == 0) {
                    return;
                }
                byte[] full = unit;
                if (!body.handOver(() -> free.add(full), ByteBuffer.wrap(unit, 0, read))) {
                    stop(request);
                    return;
                }
                if (read < unit.length) {
                    return; // the end of the body
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while the body was hashed");
        }
    }

    /**
     * Over the size cap. Closing the stream would read the rest of the body to keep the connection;
     * cancelling first drops the connection instead.
     */
    private static void stop(HttpGet request) {
        request.cancel();
    }

    @Override
    public void close() throws IOException {
        client.close();
    }

    private enum Abort { TIMEOUT, CANCEL }

    /** The request of a download in progress, so a timer or a cancellation can abort it. */
    private static final class InFlight {
        private volatile HttpGet request;
        private volatile Abort aborted;

        void start(HttpGet next) {
            request = next;
            if (aborted != null) {
                next.cancel();
            }
        }

        void abort(Abort why) {
            if (aborted == null) {
                aborted = why;
            }
            HttpGet current = request;
            if (current != null) {
                current.cancel();
            }
        }
    }
}
