package cn.changji.archive.api;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.EntityTag;

/** Cache-Control and ETag values the API sends, so browsers and proxies reuse answers for as long as they hold. */
public final class CacheHeaders {
    private CacheHeaders() {}

    /** Reusable by anyone for this long (searches and suggestions: an import shows up after at most this). */
    public static CacheControl publicFor(Duration maxAge) {
        CacheControl control = new CacheControl();
        control.setPrivate(false);
        control.setNoTransform(false);
        control.setMaxAge((int) maxAge.toSeconds());
        return control;
    }

    /** Reusable for this long, then to be revalidated with its ETag. */
    public static CacheControl revalidateAfter(Duration maxAge) {
        CacheControl control = publicFor(maxAge);
        control.setMustRevalidate(true);
        return control;
    }

    /** A strong ETag of a representation: the same bytes, the same tag. */
    public static EntityTag etagOf(byte[] representation) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(representation);
            return new EntityTag(HexFormat.of().formatHex(digest, 0, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
