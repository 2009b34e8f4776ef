package cn.changji.archive.ingest;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import cn.changji.archive.failure.ArchiveException;

/**
 * Bytes of an uploaded file to text. The charset is the one declared, else a byte-order mark's, else UTF-8 if the
 * bytes are valid UTF-8, else the one an HTML page names in its meta tag, else GB18030 (which also reads GBK and
 * GB2312, common in Chinese archives). Empty files, binary files and bytes no charset reads are refused by name.
 */
public final class PageDecoder {
    private static final Pattern META_CHARSET = Pattern.compile("charset\\s*=\\s*[\"']?([A-Za-z0-9_\\-]+)",
        Pattern.CASE_INSENSITIVE);
    private static final Charset GB18030 = Charset.forName("GB18030");
    private static final int SNIFF_BYTES = 8192;

    private PageDecoder() {}

    public static String decode(String fileName, byte[] bytes, String declaredCharset, ImportFormat format) {
        if (bytes.length == 0) {
            throw ArchiveException.invalid("The file '" + fileName + "' is empty.");
        }
        Optional<Charset> bom = byteOrderMark(bytes);
        String binary = bom.isPresent() ? null : binaryKind(bytes);
        if (binary != null) {
            throw new ArchiveException(ArchiveException.Kind.UNSUPPORTED, "The file '" + fileName + "' is " + binary + ", not text: send the page's "
                + "text, HTML or JSON.");
        }
        String text;
        if (declaredCharset != null && !declaredCharset.isBlank()) {
            text = strict(fileName, bytes, charset(declaredCharset), "are not valid in the declared charset " + declaredCharset);
        } else if (bom.isPresent()) {
            text = strict(fileName, bytes, bom.get(), "are not valid in " + bom.get() + ", the charset its byte-order mark names");
        } else {
            text = utf8OrNull(bytes);
            if (text == null) {
                Charset named = format == ImportFormat.HTML ? metaCharset(bytes) : null;
                Charset fallback = named != null ? named : GB18030;
                text = strict(fileName, bytes, fallback, "are neither UTF-8 nor " + fallback.name());
            }
        }
        // JSON keeps its text as it is until each string is read (JsonArticleReader cleans those)
        text = format == ImportFormat.JSON || format == ImportFormat.NDJSON ? text : ChineseText.withoutInvisibles(text);
        text = text.startsWith("\uFEFF") ? text.substring(1) : text;
        if (text.isBlank()) {
            throw ArchiveException.invalid("The file '" + fileName + "' holds only whitespace.");
        }
        return text;
    }

    private static Charset charset(String name) {
        try {
            Charset charset = Charset.forName(name.strip().replace("\"", ""));
            // GB2312 and GBK pages routinely hold characters only their superset has
            String canonical = charset.name().toUpperCase(Locale.ROOT);
            return canonical.equals("GB2312") || canonical.equals("GBK") ? GB18030 : charset;
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new ArchiveException(ArchiveException.Kind.UNSUPPORTED, "Unknown charset '" + name + "'; use UTF-8, GB18030, GBK or another standard name.");
        }
    }

    private static String strict(String fileName, byte[] bytes, Charset charset, String failure) {
        CharsetDecoder decoder = charset.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            CharBuffer out = decoder.decode(in);
            return out.toString();
        } catch (CharacterCodingException e) {
            throw ArchiveException.invalid("The file '" + fileName + "' cannot be read as text: the bytes at offset "
                + firstBadOffset(bytes, charset) + " " + failure + ". Declare the right charset in the Content-Type header (e.g. text/plain; charset=GB18030).");
        }
    }

    /** Offset of the first byte the charset cannot read, found by decoding until the decoder stops. */
    private static int firstBadOffset(byte[] bytes, Charset charset) {
        CharsetDecoder decoder = charset.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 16);
        decoder.decode(in, out, true);
        return in.position();
    }

    /**
     * The text if the bytes are valid UTF-8, else null. The String constructor's decoder is several times faster than a
     * CharsetDecoder but puts U+FFFD where bytes are malformed: only a text holding one is decoded again, strictly.
     */
    private static String utf8OrNull(byte[] bytes) {
        String lenient = new String(bytes, StandardCharsets.UTF_8);
        if (lenient.indexOf('\uFFFD') < 0) {
            return lenient;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static Optional<Charset> byteOrderMark(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) {
            return Optional.of(StandardCharsets.UTF_8);
        }
        if (b.length >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE) {
            return Optional.of(StandardCharsets.UTF_16LE);
        }
        if (b.length >= 2 && (b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF) {
            return Optional.of(StandardCharsets.UTF_16BE);
        }
        return Optional.empty();
    }

    /** What kind of binary file this is ("a PDF file", "binary data"), or null for text. */
    static String binaryKind(byte[] bytes) {
        String head = new String(bytes, 0, Math.min(bytes.length, 8), StandardCharsets.ISO_8859_1);
        if (head.startsWith("%PDF")) {
            return "a PDF file";
        }
        if (head.startsWith("PK\u0003\u0004")) {
            return "a ZIP archive (or a Word/Excel file)";
        }
        if (head.startsWith("\u0089PNG") || head.startsWith("GIF8") || head.startsWith("\u00FF\u00D8\u00FF")) {
            return "an image";
        }
        int controls = 0;
        int length = Math.min(bytes.length, SNIFF_BYTES);
        for (int i = 0; i < length; i++) {
            int b = bytes[i] & 0xFF;
            if (b == 0) {
                return "binary data (it holds NUL bytes)";
            }
            if (b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f') {
                controls++;
            }
        }
        return controls * 20 > length ? "binary data (it holds many control bytes)" : null;
    }

    private static Charset metaCharset(byte[] bytes) {
        String head = new String(bytes, 0, Math.min(bytes.length, 4096), StandardCharsets.ISO_8859_1);
        Matcher matcher = META_CHARSET.matcher(head);
        if (!matcher.find()) {
            return null;
        }
        try {
            return charset(matcher.group(1));
        } catch (ArchiveException e) {
            return null;
        }
    }
}
