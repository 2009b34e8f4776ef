package cn.changji.archive.analysis.ik.lucene;

import java.io.IOException;
import java.io.Reader;

import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;
import org.wltea.analyzer.core.IKSegmenter;
import org.wltea.analyzer.core.Lexeme;

/**
 * Lucene tokenizer over IK's segmenter. {@code smart} gives ik_smart (one best segmentation),
 * otherwise ik_max_word (every dictionary word, overlapping). One instance per thread, as Lucene
 * requires; the dictionary behind it is shared.
 */
public final class IkTokenizer extends Tokenizer {
    private final CharTermAttribute termAttribute = addAttribute(CharTermAttribute.class);
    private final OffsetAttribute offsetAttribute = addAttribute(OffsetAttribute.class);
    private final TypeAttribute typeAttribute = addAttribute(TypeAttribute.class);

    private final CountingInput countingInput = new CountingInput();
    private final IKSegmenter segmenter;
    private int charsRead;

    public IkTokenizer(boolean smart) {
        IkDictionary.ensureLoaded();
        this.segmenter = new IKSegmenter(countingInput, IkDictionary.configuration(smart));
    }

    @Override
    public boolean incrementToken() throws IOException {
        clearAttributes();
        Lexeme lexeme = segmenter.next();
        if (lexeme == null) {
            return false;
        }
        termAttribute.append(lexeme.getLexemeText());
        lowerCase(termAttribute.buffer(), termAttribute.length());
        // IK's positions are absolute character indexes into the stream; char filters may have moved them.
        offsetAttribute.setOffset(correctOffset(lexeme.getBeginPosition()), correctOffset(lexeme.getEndPosition()));
        typeAttribute.setType(lexeme.getLexemeTypeString());
        return true;
    }

    @Override
    public void reset() throws IOException {
        super.reset();
        charsRead = 0;
        segmenter.reset(countingInput);
    }

    @Override
    public void end() throws IOException {
        super.end();
        int finalOffset = correctOffset(charsRead);
        offsetAttribute.setOffset(finalOffset, finalOffset);
    }

    /** IK folds full-width letters to half-width but keeps their case; search is case-insensitive. */
    private static void lowerCase(char[] buffer, int length) {
        for (int i = 0; i < length; i++) {
            buffer[i] = Character.toLowerCase(buffer[i]);
        }
    }

    /**
     * IK holds on to one Reader; this one always reads the Tokenizer's current {@code input}, so the
     * Tokenizer contract (no reads before reset()) holds, and it counts characters for the final offset.
     */
    private final class CountingInput extends Reader {
        /**
         * Fills the whole request unless the stream ends: IK takes a short read for the end of the text and
         * would cut a word that straddles it (char filters and network streams do return short reads).
         */
        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            int filled = 0;
            while (filled < length) {
                int n = input.read(buffer, offset + filled, length - filled);
                if (n < 0) {
                    break;
                }
                filled += n;
            }
            charsRead += filled;
            return filled == 0 && length > 0 ? -1 : filled;
        }

        @Override
        public void close() {
            // the Tokenizer owns and closes input
        }
    }
}
