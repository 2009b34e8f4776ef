package cn.changji.archive.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ChineseTextTest {

    @Test
    void straySpacesInsideChineseAreRemovedButNotBetweenLatinWordsOrNumbers() {
        assertEquals("以高质量发展新成效扎实推进中国式现代化", ChineseText.removeStraySpaces("以 高质量发展新成效扎实推进中国式现 代化"));
        assertEquals("我州评出2023年度安全管理", ChineseText.removeStraySpaces("我州评出 2023 年度 安全管理"));
        assertEquals("刊号CN 65—0010", ChineseText.removeStraySpaces("刊号 CN 65—0010"));
        assertEquals("OBB TOPCon光伏组件", ChineseText.removeStraySpaces("OBB TOPCon 光伏组件"));
    }

    @Test
    void invisibleCharactersGoButLineBreaksTabsAndJoinersStay() {
        assertEquals("昌吉州\n新能源\tOK\u200D", ChineseText.withoutInvisibles("昌\u0000吉州\n新\u200B能源\tO\u007FK\u200D\uFEFF"));
        String visible = "本报讯 记者刘辉报道:昌吉市举行活动。ABC 123";
        assertSame(visible, ChineseText.withoutInvisibles(visible), "a text without any is returned as it is");
    }

    @Test
    void sentenceEndsIncludeClosingQuotesAfterPunctuation() {
        assertTrue(ChineseText.endsSentence("全力打造新能源生态链。”"));
        assertTrue(ChineseText.endsSentence("广率达75%以上。"));
        assertFalse(ChineseText.endsSentence("着力在推动准东高质量发展、煤炭精细化工、新能源新"));
        assertFalse(ChineseText.endsSentence("打造新能源“冲锋号”"));
    }
}
