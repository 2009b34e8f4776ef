package cn.changji.archive.analysis.ik.lucene;

import org.apache.lucene.analysis.Analyzer;

/** An analyzer that is just the IK tokenizer, as ik_smart and ik_max_word have always been. */
public final class IkAnalyzer extends Analyzer {
    private final boolean smart;

    public IkAnalyzer(boolean smart) {
        this.smart = smart;
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        return new TokenStreamComponents(new IkTokenizer(smart));
    }
}
