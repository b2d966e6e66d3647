package dev.fanout.runtime.calls;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * Flushes the answers written on a caller's HTTP/2 connection once per turn of its event loop, not
 * once per message.
 *
 * <p>Why: the Vert.x gRPC server flushes every message written outside its connection's own read,
 * and answers are written when other work ends (a download, a part of a sum, a peer's result): each
 * of a burst of a hundred results was its own write to the socket, and a wake-up of the caller. Netty's
 * {@link FlushConsolidationHandler} turns such a flush into one task queued on the connection's event
 * loop, so the answers written in one turn (CallLoop writes a burst in one) leave in one write; none
 * waits past that turn. It is added to each HTTP/2 connection the first time a call arrives on it,
 * before the gRPC route sees the call.
 */
@Singleton
public class AnswerFlushes {

    static final String HANDLER = "fanout-answer-flushes";
    /** Before every route of the services, the gRPC server's among them. */
    private static final int ORDER = -1000;

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(routing -> {
            if (routing.request().version() == HttpVersion.HTTP_2) {
                consolidate(routing.request().connection());
            }
            routing.next();
        });
    }

    /** Adds the handler to {@code connection}'s pipeline once; runs on the connection's event loop. */
    static void consolidate(HttpConnection connection) {
        if (connection instanceof ConnectionBase base) {
            ChannelPipeline pipeline = base.channelHandlerContext().pipeline();
            if (pipeline.get(HANDLER) == null) {
                // Last: a flush the HTTP/2 handler asks of its channel passes this handler first, and its
                // deferred flush goes on through the HTTP/2 handler, which writes its pending frames then.
                pipeline.addLast(HANDLER, new FlushConsolidationHandler(
                        FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES, true));
            }
        }
    }
}
