package dev.fanout.fetcher;

import java.security.MessageDigest;
import java.util.HexFormat;

/** What the simulated origin sends, computed independently of it: byte i is 'a' + i % 26. */
public final class ExpectedBody {

    private ExpectedBody() {
    }

    public static String sha256Of(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sha256(long length) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] alphabet = new byte[26 * 1024];
            for (int i = 0; i < alphabet.length; i++) {
                alphabet[i] = (byte) ('a' + i % 26);
            }
            for (long left = length; left > 0; left -= alphabet.length) {
                digest.update(alphabet, 0, (int) Math.min(left, alphabet.length));
            }
            return length == 0 ? "" : HexFormat.of().formatHex(digest.digest());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
