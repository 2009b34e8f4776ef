package cn.changji.archive.analysis.ik.lucene;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * Verbatim matching of Chinese text: overlapping character bigrams (and, at index time, the single characters too,
 * stacked at the same positions), Latin words and numbers as the standard tokenizer cuts them. A phrase query of
 * the search side's bigrams matches exactly the texts that contain the typed string, and costs far less than a
 * phrase of single characters: bigrams are rare terms, single characters are in every document.
 */
public final class BigramAnalyzer extends Analyzer {
    private final boolean indexSide;

    /** {@code indexSide}: bigrams and unigrams; otherwise bigrams only (a lone character stays a unigram). */
    public BigramAnalyzer(boolean indexSide) {
        this.indexSide = indexSide;
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        StandardTokenizer source = new StandardTokenizer();
        TokenStream stream = new CJKWidthFilter(source);
        stream = new LowerCaseFilter(stream);
        stream = new CJKBigramFilter(stream, CJKBigramFilter.HAN | CJKBigramFilter.HIRAGANA | CJKBigramFilter.KATAKANA
            | CJKBigramFilter.HANGUL, indexSide);
        if (!indexSide) {
            stream = new BigramRunEndFilter(stream);
        }
        return new TokenStreamComponents(source, stream);
    }
}
