package cn.changji.archive.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;

/**
 * Stable ids: the same article gives the same id however often and from whichever file it is imported, so a
 * re-import overwrites instead of duplicating. Built from what identifies an article: date, title, opening text.
 */
public final class ArticleIds {
    private static final int OPENING_CHARS = 200;

    private ArticleIds() {}

    public static String of(LocalDate publishedOn, String title, String body) {
        String opening = ChineseText.fingerprint(body == null ? "" : body);
        opening = opening.substring(0, Math.min(OPENING_CHARS, opening.length()));
        String key = (publishedOn == null ? "" : publishedOn.toString()) + "|"
            + ChineseText.fingerprint(title == null ? "" : title) + "|" + opening;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
