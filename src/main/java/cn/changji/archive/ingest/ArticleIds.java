package cn.changji.archive.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Stable ids: the same article gives the same id however often and from whichever file it is imported, so a
 * re-import overwrites instead of duplicating. Built from the title and the opening text with punctuation and spaces
 * left out, so the PDF text and the web edition of one article (half- and full-width punctuation) meet, and a page
 * imported again with a date it lacked the first time updates its articles instead of doubling them.
 */
public final class ArticleIds {
    private static final int OPENING_CHARS = 200;

    private ArticleIds() {}

    public static String of(String title, String body) {
        String opening = ChineseText.fingerprint(body == null ? "" : body);
        opening = opening.substring(0, Math.min(OPENING_CHARS, opening.length()));
        String key = ChineseText.fingerprint(title == null ? "" : title) + "|" + opening;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
