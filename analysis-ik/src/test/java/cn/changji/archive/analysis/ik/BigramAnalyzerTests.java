package cn.changji.archive.analysis.ik;

import java.io.IOException;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.tests.analysis.BaseTokenStreamTestCase;

public class BigramAnalyzerTests extends BaseTokenStreamTestCase {

    private final Analyzer index = new BigramIndexAnalyzerFactory().create();
    private final Analyzer search = new BigramSearchAnalyzerFactory().create();

    @Override
    public void tearDown() throws Exception {
        index.close();
        search.close();
        super.tearDown();
    }

    public void testIndexSideStacksBigramsOnTheirFirstCharacter() throws IOException {
        assertAnalyzesTo(index, "新能源",
            new String[] { "新", "新能", "能", "能源", "源" },
            new int[] { 0, 0, 1, 1, 2 },
            new int[] { 1, 2, 2, 3, 3 },
            new int[] { 1, 0, 1, 0, 1 });
    }

    public void testSearchSideIsBigramsOnlyAndALoneCharacterStays() throws IOException {
        assertAnalyzesTo(search, "新能源", new String[] { "新能", "能源" });
        assertAnalyzesTo(search, "煤", new String[] { "煤" });
    }

    public void testWhatFollowsARunIsWhereTheIndexSideHasIt() throws IOException {
        // the index side: 投0 投入0 入1 15.68 at 2 亿3 亿元3 元4; 项0 项目0 目1 目第1 第2 1 at 3 批4 批开4 开5 开工5 工6
        assertAnalyzesTo(search, "投入15.68亿元", new String[] { "投入", "15.68", "亿元" }, new int[] { 1, 2, 1 });
        assertAnalyzesTo(search, "项目第1批开工", new String[] { "项目", "目第", "1", "批开", "开工" }, new int[] { 1, 1, 2, 1, 1 });
        // a run after punctuation: 新0..源2, 项3 项目3
        assertAnalyzesTo(search, "新能源，项目", new String[] { "新能", "能源", "项目" }, new int[] { 1, 1, 2 });
        // a lone character takes one position on both sides
        assertAnalyzesTo(search, "第1批", new String[] { "第", "1", "批" }, new int[] { 1, 1, 1 });
    }

    public void testLatinAndNumbersAsWordsFullWidthFolded() throws IOException {
        assertAnalyzesTo(search, "ＯＢＢ TOPCon 15.68亿元", new String[] { "obb", "topcon", "15.68", "亿元" });
    }

    public void testRandomText() throws IOException {
        checkRandomData(random(), index, 200);
        checkRandomData(random(), search, 200);
    }
}
