package cn.changji.archive.analysis.ik;

import org.apache.lucene.analysis.Analyzer;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.AnalyzerFactory;

import cn.changji.archive.analysis.ik.lucene.BigramAnalyzer;

/** Verbatim matching, index side: see {@link BigramAnalyzer}. */
@NamedComponent("changji_bigram_index")
public class BigramIndexAnalyzerFactory implements AnalyzerFactory {

    public BigramIndexAnalyzerFactory() {}

    @Override
    public Analyzer create() {
        return new BigramAnalyzer(true);
    }
}
