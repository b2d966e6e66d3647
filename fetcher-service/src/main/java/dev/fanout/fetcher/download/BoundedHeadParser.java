package dev.fanout.fetcher.download;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.impl.io.DefaultHttpResponseParser;
import org.apache.hc.core5.http.io.HttpMessageParser;
import org.apache.hc.core5.http.io.HttpMessageParserFactory;
import org.apache.hc.core5.http.io.SessionInputBuffer;

/**
 * HttpClient's response parser, held to {@link ResponseHeadLimits#PARSER_GUARD} bytes per head.
 * Http1Config bounds only each line and the number of lines (their product would let one head
 * take megabytes); this counts the socket bytes read while one head is parsed and stops there.
 */
final class BoundedHeadParser extends DefaultHttpResponseParser {

    /** Bytes the session buffer may read past the head's end in its last fill. */
    private final int bufferSize;

    private BoundedHeadParser(Http1Config config) {
        super(config);
        this.bufferSize = config.getBufferSize();
    }

    static HttpMessageParserFactory<ClassicHttpResponse> factory() {
        return new HttpMessageParserFactory<>() {
            @Override
            public HttpMessageParser<ClassicHttpResponse> create(Http1Config config) {
                return new BoundedHeadParser(config);
            }
        };
    }

    @Override
    public ClassicHttpResponse parse(SessionInputBuffer buffer, InputStream socket) throws IOException, HttpException {
        return super.parse(buffer, new Counted(socket, ResponseHeadLimits.PARSER_GUARD + (long) bufferSize));
    }

    /** Counts what one parse reads from the socket; past the budget the head is refused. */
    private static final class Counted extends FilterInputStream {
        private long budget;

        Counted(InputStream in, long budget) {
            super(in);
            this.budget = budget;
        }

        @Override
        public int read() throws IOException {
            int read = super.read();
            spend(read < 0 ? 0 : 1);
            return read;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            int read = in.read(bytes, offset, length);
            spend(Math.max(read, 0));
            return read;
        }

        private void spend(int read) throws IOException {
            budget -= read;
            if (budget < 0) {
                throw new ResponseHeadLimits.HeadTooLarge();
            }
        }
    }
}
