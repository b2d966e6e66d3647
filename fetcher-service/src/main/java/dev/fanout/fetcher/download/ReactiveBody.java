package dev.fanout.fetcher.download;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import java.nio.ByteBuffer;

/**
 * Stage 3 of a {@link ReactiveExchange}: the final response's body, digested buffer by buffer on the
 * event loop. Its first {@link BodyDigest#HAND_OVER_AFTER} bytes are hashed in place; the rest is handed
 * to the digest's hashing thread under {@link BodyBackPressure}, so the event loop reads on while
 * earlier buffers are hashed. Past the size cap the request is reset rather than read to its end.
 */
final class ReactiveBody {

    private final BodyDigest body;
    private final UrlProgress progress;
    private final ReactiveExchange exchange;
    private final BodyBackPressure backPressure;

    private ReactiveBody(HttpClientResponse response, BodyDigest body, UrlProgress progress, ReactiveExchange exchange) {
        this.body = body;
        this.progress = progress;
        this.exchange = exchange;
        Context eventLoop = exchange.eventLoop();
        this.backPressure = new BodyBackPressure(body, response::pause, response::resume,
                task -> eventLoop.runOnContext(resumed -> task.run()));
    }

    /** Reads {@code response}'s body into {@code body}; the exchange settles at its end or at the cap. */
    static void read(HttpClientResponse response, BodyDigest body, UrlProgress progress, ReactiveExchange exchange) {
        ReactiveBody reader = new ReactiveBody(response, body, progress, exchange);
        response.handler(reader::buffer);
        response.endHandler(end -> {
            if (exchange.settle()) {
                reader.finish();
            }
        });
    }

    private void buffer(Buffer buffer) {
        progress.firstByte();
        ByteBuffer[] chunks = buffer.getByteBuf().nioBuffers();
        boolean within = body.bytes() < BodyDigest.HAND_OVER_AFTER ? inPlace(chunks)
                : backPressure.handOver(buffer.length(), chunks);
        if (!within && exchange.settle()) {
            exchange.reset(); // over the size cap: stop reading
            finish();
        }
    }

    private boolean inPlace(ByteBuffer[] chunks) {
        for (ByteBuffer chunk : chunks) {
            if (!body.update(chunk)) {
                return false;
            }
        }
        return true;
    }

    /** The exchange is done once every byte is hashed: at once, or back on the event loop from the hashing thread. */
    private void finish() {
        if (body.bytes() < BodyDigest.HAND_OVER_AFTER) {
            exchange.bodyDone(); // hashed in place
        } else {
            body.whenHashed(() -> exchange.eventLoop().runOnContext(hashed -> exchange.bodyDone()));
        }
    }
}
