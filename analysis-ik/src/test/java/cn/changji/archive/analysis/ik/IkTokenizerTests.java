package cn.changji.archive.analysis.ik;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.charfilter.MappingCharFilter;
import org.apache.lucene.analysis.charfilter.NormalizeCharMap;
import org.apache.lucene.tests.analysis.BaseTokenStreamTestCase;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.wltea.analyzer.dic.Dictionary;

import cn.changji.archive.analysis.ik.lucene.IkAnalyzer;
import cn.changji.archive.analysis.ik.lucene.IkTokenizer;

public class IkTokenizerTests extends BaseTokenStreamTestCase {

    private final Analyzer smart = new IkSmartAnalyzerFactory().create();
    private final Analyzer maxWord = new IkMaxWordAnalyzerFactory().create();

    @Override
    public void tearDown() throws Exception {
        smart.close();
        maxWord.close();
        super.tearDown();
    }

    public void testIkSmartKeepsCountyAndPaperTermsWhole() throws IOException {
        assertAnalyzesTo(
            smart,
            "木垒哈萨克自治县大力发展新质生产力,建设典范地州",
            new String[] { "木垒哈萨克自治县", "大力发展", "新质生产力", "建设", "典范地州" },
            new int[] { 0, 8, 12, 18, 20 },
            new int[] { 8, 12, 17, 20, 24 }
        );
    }

    public void testIkSmartKeepsParkAliasesWhole() throws IOException {
        List<String> terms = terms(smart, "昌吉高新区和准东开发区共建乌昌石城市群");
        assertTrue(terms.toString(), terms.contains("昌吉高新区"));
        assertTrue(terms.toString(), terms.contains("准东开发区"));
        assertTrue(terms.toString(), terms.contains("乌昌石"));
    }

    public void testIkMaxWordYieldsEveryDictionaryWord() throws IOException {
        List<String> terms = terms(maxWord, "昌吉州与中科院举行科技合作座谈会");
        for (String expected : List.of("昌吉州", "中科院", "科技", "合作", "座谈会")) {
            assertTrue(expected + " missing from " + terms, terms.contains(expected));
        }
    }

    public void testMaxWordOffsetsOverlapAndNeverGoBackwards() throws IOException {
        assertAnalyzesTo(
            maxWord,
            "新能源产业",
            new String[] { "新能源", "能源", "产业" },
            new int[] { 0, 1, 3 },
            new int[] { 3, 3, 5 }
        );
    }

    public void testLatinAndDigitsAreLowercasedAndOffsetsStayOnTheOriginalCharacters() throws IOException {
        // full-width Ｃ and Ｎ are folded to half-width by IK; offsets must still point at the original characters
        assertAnalyzesTo(smart, "刊号ＣＮ 65", new String[] { "刊号", "cn", "65" }, new int[] { 0, 2, 5 }, new int[] { 2, 4, 7 });
    }

    public void testOffsetsOfEveryTokenPointAtItsTextOnRealPagesAndAcrossIksBuffer() throws IOException {
        List<String> pages = seedPages();
        pages.add(String.join("\n", pages));
        assertTrue("the joined pages must cross IK's 4096-char buffer", pages.get(pages.size() - 1).length() > 3 * 4096);
        for (String page : pages) {
            for (Analyzer analyzer : List.of(smart, maxWord)) {
                try (TokenStream stream = analyzer.tokenStream("body", page)) {
                    CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
                    OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
                    stream.reset();
                    int tokens = 0;
                    while (stream.incrementToken()) {
                        String original = page.substring(offset.startOffset(), offset.endOffset());
                        assertEquals("token at " + offset.startOffset(), normalize(original), term.toString());
                        tokens++;
                    }
                    stream.end();
                    assertEquals(page.length(), offset.endOffset());
                    assertTrue(tokens > 500);
                }
            }
        }
    }

    public void testCharFilterOffsetsAreCorrected() throws IOException {
        Analyzer withCharFilter = new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                return new TokenStreamComponents(new IkTokenizer(true));
            }

            @Override
            protected Reader initReader(String fieldName, Reader reader) {
                NormalizeCharMap.Builder map = new NormalizeCharMap.Builder();
                map.add(" ", "");
                return new MappingCharFilter(map.build(), reader);
            }
        };
        // the stray space inside 准 东 is removed before IK sees it; the token still covers the original span
        assertAnalyzesTo(withCharFilter, "准 东开发区", new String[] { "准东开发区" }, new int[] { 0 }, new int[] { 6 });
        withCharFilter.close();
    }

    public void testReusedTokenizerGivesTheSameTokensAsAFreshOne() throws IOException {
        List<String> pages = seedPages();
        List<List<String>> reused = new ArrayList<>();
        for (String page : pages) {
            reused.add(terms(maxWord, page));
        }
        for (int i = 0; i < pages.size(); i++) {
            try (Analyzer fresh = new IkAnalyzer(false)) {
                assertEquals("page " + i, terms(fresh, pages.get(i)), reused.get(i));
            }
        }
        // a short text after a long one must not see leftovers of the long one
        assertAnalyzesTo(maxWord, "准东", new String[] { "准东" });
    }

    public void testConcurrentAnalysisMatchesSingleThreadedResults() throws Exception {
        List<String> pages = seedPages();
        List<List<String>> expected = new ArrayList<>();
        for (String page : pages) {
            expected.add(terms(smart, page));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int round = 0; round < 8; round++) {
                for (int i = 0; i < pages.size(); i++) {
                    int page = i;
                    results.add(pool.submit(() -> terms(smart, pages.get(page)).equals(expected.get(page))));
                }
            }
            for (Future<Boolean> result : results) {
                assertTrue(result.get());
            }
        } finally {
            pool.shutdown();
        }
    }

    public void testDictionaryIsLoadedOncePerClassLoader() throws IOException {
        terms(smart, "木垒");
        Dictionary first = Dictionary.getSingleton();
        try (Analyzer another = new IkAnalyzer(false)) {
            another.tokenStream("f", "木垒").close();
        }
        assertSame(first, Dictionary.getSingleton());
    }

    public void testRandomTextKeepsTokenStreamContract() throws IOException {
        checkRandomData(random(), smart, 200 * RANDOM_MULTIPLIER);
        checkRandomData(random(), maxWord, 200 * RANDOM_MULTIPLIER);
        checkRandomData(random(), smart, 20 * RANDOM_MULTIPLIER, 8192);
    }

    private static List<String> terms(Analyzer analyzer, String text) throws IOException {
        List<String> terms = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream("f", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                terms.add(term.toString());
            }
            stream.end();
        }
        return terms;
    }

    /** What IK does to characters before matching: full-width to half-width, lower case. */
    private static String normalize(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if (c == '\u3000') {
                c = ' ';
            } else if (c > '\uFF00' && c < '\uFF5F') {
                c = (char) (c - 0xFEE0);
            }
            out.append(Character.toLowerCase(c));
        }
        return out.toString();
    }

    private static List<String> seedPages() throws IOException {
        List<String> pages = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(Path.of("..", "seeds"), "*.txt")) {
            for (Path file : files) {
                pages.add(Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        pages.sort(null);
        assertFalse("no seed pages in ../seeds", pages.isEmpty());
        return pages;
    }
}
