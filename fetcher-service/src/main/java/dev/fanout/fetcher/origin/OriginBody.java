package dev.fanout.fetcher.origin;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * The origin's bodies: byte i is {@code 'a' + i % 26}, so any length's SHA-256 is known in advance
 * and a body of any size is generated from one reusable block.
 */
public final class OriginBody {

    /** A multiple of 26, so every block starts at 'a'. */
    static final int BLOCK_SIZE = 26 * 2048;
    static final byte[] BLOCK = block();
    /** The pattern in a larger block off the heap, from which large bodies are written. */
    static final int DIRECT_BLOCK_SIZE = 20 * BLOCK_SIZE;
    /**
     * Shared by every response. Netty writes a direct buffer to the socket as it is, while it copies a
     * heap one into a direct buffer first, on every write; and a write of about 1 MiB is one system
     * call where 53 KiB blocks took twenty.
     */
    private static final ByteBuf DIRECT_BLOCK = directBlock();

    private OriginBody() {
    }

    /** The first {@code length} bytes of the direct block, to write (never released: it is shared). */
    static ByteBuf directBlock(int length) {
        return DIRECT_BLOCK.slice(0, length);
    }

    private static ByteBuf directBlock() {
        ByteBuf block = Unpooled.directBuffer(DIRECT_BLOCK_SIZE);
        for (int i = 0; i < DIRECT_BLOCK_SIZE / BLOCK_SIZE; i++) {
            block.writeBytes(BLOCK);
        }
        return Unpooled.unreleasableBuffer(block.asReadOnly());
    }

    private static byte[] block() {
        byte[] block = new byte[BLOCK_SIZE];
        for (int i = 0; i < block.length; i++) {
            block[i] = (byte) ('a' + i % 26);
        }
        return block;
    }
}
