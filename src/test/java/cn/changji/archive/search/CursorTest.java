package cn.changji.archive.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Base64;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import cn.changji.archive.failure.ArchiveException;

/** Cursors go out opaque and come back whole; anything else is refused as invalid. */
class CursorTest {

    @Test
    void aCursorComesBackAsItWentOut() {
        Cursor cursor = new Cursor("pit-id", JsonNodeFactory.instance.arrayNode().add(12.5).add("2025-04-16").add("id-1"), 27);
        assertEquals(cursor, Cursor.decode(cursor.encode()));
    }

    @Test
    void forgedOrBrokenCursorsAreRefused() {
        for (String forged : new String[] { "forged", "%%%", Base64.getUrlEncoder().encodeToString("{\"pit\":1}".getBytes()),
            Base64.getUrlEncoder().encodeToString("[]".getBytes()) }) {
            ArchiveException refused = assertThrows(ArchiveException.class, () -> Cursor.decode(forged), forged);
            assertEquals(ArchiveException.Kind.INVALID, refused.kind());
        }
    }
}
