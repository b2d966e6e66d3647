package dev.fanout.fetcher.origin;

/**
 * The origin's bodies: byte i is {@code 'a' + i % 26}, so any length's SHA-256 is known in advance
 * and a body of any size is generated from one reusable block.
 */
public final class OriginBody {

    /** A multiple of 26, so every block starts at 'a'. */
    static final int BLOCK_SIZE = 26 * 2048;
    static final byte[] BLOCK = block();

    private OriginBody() {
    }

    private static byte[] block() {
        byte[] block = new byte[BLOCK_SIZE];
        for (int i = 0; i < block.length; i++) {
            block[i] = (byte) ('a' + i % 26);
        }
        return block;
    }
}
