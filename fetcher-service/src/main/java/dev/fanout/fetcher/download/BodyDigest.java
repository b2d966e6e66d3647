package dev.fanout.fetcher.download;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 and length of a body fed chunk by chunk, up to a cap; the body itself is never kept. */
public final class BodyDigest {

    private final MessageDigest sha256;
    private final long cap;
    private long bytes;
    private boolean overflowed;

    public BodyDigest(long cap) {
        this.cap = cap;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Digests the chunk; false once the body passed the cap (only the bytes up to it are counted). */
    public boolean update(ByteBuffer chunk) {
        long room = cap - bytes;
        if (chunk.remaining() > room) {
            chunk.limit(chunk.position() + (int) room);
            overflowed = true;
        }
        bytes += chunk.remaining();
        sha256.update(chunk);
        return !overflowed;
    }

    public boolean update(byte[] chunk, int length) {
        return update(ByteBuffer.wrap(chunk, 0, length));
    }

    public long bytes() {
        return bytes;
    }

    public long cap() {
        return cap;
    }

    public boolean overflowed() {
        return overflowed;
    }

    /** Lower-case hex SHA-256 of the bytes counted; empty when there were none. */
    public String hex() {
        return bytes == 0 ? "" : HexFormat.of().formatHex(sha256.digest());
    }
}
