package cn.changji.archive.analysis.ik.lucene;

import java.util.List;

import org.wltea.analyzer.cfg.Configuration;
import org.wltea.analyzer.dic.Dictionary;

/**
 * The IK dictionary, loaded once per node (per plugin class loader) on first use and shared read-only
 * by every tokenizer of every index.
 */
public final class IkDictionary {

    /** The classic IK main dictionary: about 275,000 words, 30 MB of heap (the 2020 one takes 200 MB). */
    static final String MAIN_DICTIONARY = "dict/main2012.dic";
    static final String QUANTIFIER_DICTIONARY = "dict/quantifier.dic";
    /** Places, parks and the paper's recurring terms, one per line. */
    static final String EXTENSION_DICTIONARY = "cn/changji/archive/analysis/ik/changji-ext.dic";

    private static volatile boolean loaded;

    private IkDictionary() {}

    public static void ensureLoaded() {
        if (loaded) {
            return;
        }
        synchronized (IkDictionary.class) {
            if (loaded == false) {
                Dictionary.initial(new Settings(false));
                loaded = true;
            }
        }
    }

    static Configuration configuration(boolean smart) {
        return new Settings(smart);
    }

    /** IK's configuration interface, fixed to our dictionaries instead of its XML file. */
    private static final class Settings implements Configuration {
        private boolean smart;

        Settings(boolean smart) {
            this.smart = smart;
        }

        @Override
        public boolean useSmart() {
            return smart;
        }

        @Override
        public void setUseSmart(boolean smart) {
            this.smart = smart;
        }

        @Override
        public boolean useMainDict() {
            return true;
        }

        @Override
        public void setUseMainDict(boolean useMainDict) {
            // always on
        }

        @Override
        public String getMainDictionary() {
            return MAIN_DICTIONARY;
        }

        @Override
        public String getQuantifierDicionary() {
            return QUANTIFIER_DICTIONARY;
        }

        @Override
        public List<String> getExtDictionarys() {
            return List.of(EXTENSION_DICTIONARY);
        }

        @Override
        public List<String> getExtStopWordDictionarys() {
            return List.of();
        }
    }
}
