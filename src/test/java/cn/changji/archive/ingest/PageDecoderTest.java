package cn.changji.archive.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import cn.changji.archive.failure.ArchiveException;

/** Bytes to text: the declared charset, else UTF-8, else GB18030; empty, binary and undecodable files refused by name. */
class PageDecoderTest {
    private static final String PAGE = "本报讯 记者刘辉报道:昌吉市举行活动。";

    @Test
    void utf8AndGbkPagesDecodeWithOrWithoutADeclaredCharset() {
        assertEquals(PAGE, PageDecoder.decode("a.txt", PAGE.getBytes(StandardCharsets.UTF_8), null, ImportFormat.TEXT));
        assertEquals(PAGE, PageDecoder.decode("b.txt", PAGE.getBytes(Charset.forName("GBK")), null, ImportFormat.TEXT));
        assertEquals(PAGE, PageDecoder.decode("c.txt", PAGE.getBytes(Charset.forName("GB18030")), "GB18030", ImportFormat.TEXT));
    }

    @Test
    void aReplacementCharacterWrittenInValidUtf8IsKeptAndMalformedUtf8IsReadAsGb18030() {
        String withReplacement = PAGE + "\uFFFD";
        assertEquals(withReplacement, PageDecoder.decode("d.txt", withReplacement.getBytes(StandardCharsets.UTF_8), null,
            ImportFormat.TEXT));
        byte[] gbk = PAGE.getBytes(Charset.forName("GBK")); // not UTF-8: a lenient UTF-8 read would hold U+FFFD
        assertTrue(new String(gbk, StandardCharsets.UTF_8).contains("\uFFFD"));
        assertEquals(PAGE, PageDecoder.decode("e.txt", gbk, null, ImportFormat.TEXT));
    }

    @Test
    void anEmptyFileIsInvalidAndNamed() {
        ArchiveException refused = assertThrows(ArchiveException.class,
            () -> PageDecoder.decode("empty.txt", new byte[0], null, ImportFormat.TEXT));
        assertEquals(ArchiveException.Kind.INVALID, refused.kind());
        assertEquals("The file 'empty.txt' is empty.", refused.getMessage());
    }

    @Test
    void binaryFilesAndUnknownCharsetsAreUnsupported() {
        byte[] png = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0 };
        assertEquals(ArchiveException.Kind.UNSUPPORTED, assertThrows(ArchiveException.class,
            () -> PageDecoder.decode("scan.txt", png, null, ImportFormat.TEXT)).kind());
        ArchiveException charset = assertThrows(ArchiveException.class,
            () -> PageDecoder.decode("a.txt", PAGE.getBytes(StandardCharsets.UTF_8), "no-such-charset", ImportFormat.TEXT));
        assertEquals(ArchiveException.Kind.UNSUPPORTED, charset.kind());
        assertTrue(charset.getMessage().contains("no-such-charset"));
    }

    @Test
    void bytesThatAreNotTheDeclaredCharsetAreInvalidWithTheirOffset() {
        byte[] broken = { (byte) 0xE6, (byte) 0x96 }; // a UTF-8 sequence cut short
        ArchiveException refused = assertThrows(ArchiveException.class,
            () -> PageDecoder.decode("cut.txt", broken, "UTF-8", ImportFormat.TEXT));
        assertEquals(ArchiveException.Kind.INVALID, refused.kind());
        assertTrue(refused.getMessage().contains("offset"), refused.getMessage());
    }
}
