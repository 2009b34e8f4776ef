package cn.changji.archive.analysis.ik.lucene;

import java.io.IOException;

import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;

/**
 * The search side's bigrams at the index side's positions. The index side stacks each bigram on its first character
 * and keeps every character, so a run of n characters takes n positions; the search side keeps the n - 1 bigrams
 * only. Within a run that is the same, but whatever follows a run (a number, a Latin word, the next run after
 * punctuation) came one position early, and a phrase across it ("投入15.68亿元", "第1批开工") matched nothing. The first
 * token after a run of bigrams moves one position on.
 */
final class BigramRunEndFilter extends TokenFilter {
    private final TypeAttribute type = addAttribute(TypeAttribute.class);
    private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
    private final PositionIncrementAttribute position = addAttribute(PositionIncrementAttribute.class);
    private boolean inRun;
    private int lastBigramEnd;

    BigramRunEndFilter(TokenStream input) {
        super(input);
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (!input.incrementToken()) {
            return false;
        }
        boolean bigram = CJKBigramFilter.DOUBLE_TYPE.equals(type.type());
        // a bigram of the same run overlaps the one before it by a character; anything else ends the run
        if (inRun && (!bigram || offset.startOffset() >= lastBigramEnd)) {
            position.setPositionIncrement(position.getPositionIncrement() + 1);
        }
        inRun = bigram;
        if (bigram) {
            lastBigramEnd = offset.endOffset();
        }
        return true;
    }

    @Override
    public void reset() throws IOException {
        super.reset();
        inRun = false;
        lastBigramEnd = 0;
    }
}
