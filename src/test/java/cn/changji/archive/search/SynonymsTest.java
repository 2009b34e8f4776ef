package cn.changji.archive.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import cn.changji.archive.failure.ArchiveException;

/** The synonyms file format and how a query term finds its other forms. */
class SynonymsTest {

    @Test
    void aGroupPerLineSeparatedByEqualsOrCommasCommentsSkipped() {
        Synonyms synonyms = Synonyms.parse("# editors' list\n中科院 = 中国科学院\n准东, 准东开发区，准东经济技术开发区\n\n");
        assertEquals(List.of(List.of("中科院", "中国科学院"), List.of("准东", "准东开发区", "准东经济技术开发区")), synonyms.groups());
    }

    @Test
    void aTermIsSearchedInEveryFormOfItsGroupAlsoInsideALongerTerm() {
        Synonyms synonyms = Synonyms.parse("中科院 = 中国科学院\n");
        assertEquals(List.of("中科院", "中国科学院"), synonyms.variants("中科院"));
        assertTrue(synonyms.variants("中科院合作").contains("中国科学院合作"), synonyms.variants("中科院合作").toString());
        assertEquals(List.of("新能源"), synonyms.variants("新能源"));
    }

    @Test
    void aListWithABadLineIsRefusedWholeNamingTheLine() {
        ArchiveException refused = assertThrows(ArchiveException.class, () -> Synonyms.parse("中科院 = 中国科学院\n只有一个词\n"));
        assertEquals(ArchiveException.Kind.INVALID, refused.kind());
        assertTrue(refused.getMessage().contains("line 2"), refused.getMessage());
        assertEquals(1, refused.errors().size());
    }
}
