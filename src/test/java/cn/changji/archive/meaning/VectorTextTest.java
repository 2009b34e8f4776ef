package cn.changji.archive.meaning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VectorTextTest {

    @Test
    void headlinesThenTheOpeningOfTheBody() {
        assertEquals("引题\n天山面粉:做好小麦精深加工转化\n——副题\n第一段。\n第二段。",
            VectorText.of(" 引题 ", "天山面粉:做好小麦精深加工转化", "——副题", "第一段。\n\n  第二段。"));
    }

    @Test
    void missingPartsAreLeftOut() {
        assertEquals("标题", VectorText.of(null, "标题", " ", null));
        assertEquals("正文", VectorText.of(null, null, null, "正文"));
        assertEquals("", VectorText.of(null, null, null, null));
    }

    @Test
    void theBodyIsCutAtItsOpening() {
        String body = "字".repeat(1000);
        String text = VectorText.of(null, "标题", null, body);
        assertEquals("标题\n" + "字".repeat(VectorText.BODY_CHARS), text);
    }

    @Test
    void aCharacterOutsideTheBasicPlaneIsNeverCutInHalf() {
        String body = "字".repeat(VectorText.BODY_CHARS - 1) + "𠀀" + "字";
        String text = VectorText.of(null, null, null, body);
        assertEquals(VectorText.BODY_CHARS - 1, text.length());
        assertTrue(Character.isLetter(text.codePointAt(text.length() - 1)));
    }
}
