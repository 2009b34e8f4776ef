package cn.changji.archive.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class WordIndexTest {
    private final WordIndex endings = new WordIndex(List.of("有限公司", "集团", "局", "研究院"));

    @Test
    void nextFindsTheFirstWordFromAPositionAndPrefersTheEarlierListedOneThere() {
        String text = "新疆泰昆集团有限公司与州水利局";
        WordIndex.Found first = endings.next(text, 0);
        assertEquals(new WordIndex.Found(4, "集团"), first);
        assertEquals(6, first.end());
        assertEquals(new WordIndex.Found(6, "有限公司"), endings.next(text, first.end()));
        assertEquals(new WordIndex.Found(14, "局"), endings.next(text, 7));
        assertNull(endings.next(text, 15));
        WordIndex longestFirst = new WordIndex(List.of("有限责任公司", "有限"));
        assertEquals("有限责任公司", longestFirst.next("天山面粉有限责任公司", 0).word());
    }

    @Test
    void occurringFindsEveryListedWordAlsoInsideOrOverlappingAnother() {
        WordIndex aliases = new WordIndex(List.of("特变电工股份", "特变电工", "电工", "泰昆"));
        assertEquals(Set.of("特变电工股份", "特变电工", "电工"), aliases.occurring("昌吉市特变电工股份有限公司"));
        assertEquals(Set.of(), aliases.occurring("没有名字"));
    }

    @Test
    void lastEndIsWhereTheLatestOccurrenceOfAnyWordEnds() {
        WordIndex stops = new WordIndex(List.of("的", "走进", "在"));
        assertEquals(8, stops.lastEnd("记者走进昌吉的在建新项目"));
        assertEquals(4, stops.lastEnd("记者走进新能源公司"));
        assertEquals(0, stops.lastEnd("新疆泰昆集团"));
    }

    @Test
    void manyFirstCharactersAreEachFoundThroughTheTable() {
        List<String> words = new java.util.ArrayList<>();
        for (char c = '\u4e00'; c < '\u4e00' + 3000; c++) {
            words.add(c + "局");
        }
        WordIndex index = new WordIndex(words);
        assertEquals(words.size(), index.occurring(String.join("", words)).size());
        assertNull(index.next("局局局", 0));
    }
}
