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

    public void testLatinAndNumbersAsWordsFullWidthFolded() throws IOException {
        assertAnalyzesTo(search, "ＯＢＢ TOPCon 15.68亿元", new String[] { "obb", "topcon", "15.68", "亿元" });
    }

    public void testRandomText() throws IOException {
        checkRandomData(random(), index, 200);
        checkRandomData(random(), search, 200);
    }
}
