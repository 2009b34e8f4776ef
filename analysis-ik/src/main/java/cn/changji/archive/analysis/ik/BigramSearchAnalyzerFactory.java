package cn.changji.archive.analysis.ik;

import org.apache.lucene.analysis.Analyzer;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.AnalyzerFactory;

import cn.changji.archive.analysis.ik.lucene.BigramAnalyzer;

/** Verbatim matching, search side: see {@link BigramAnalyzer}. */
@NamedComponent("changji_bigram_search")
public class BigramSearchAnalyzerFactory implements AnalyzerFactory {

    public BigramSearchAnalyzerFactory() {}

    @Override
    public Analyzer create() {
        return new BigramAnalyzer(false);
    }
}
