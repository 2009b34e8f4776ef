package cn.changji.archive.analysis.ik;

import org.apache.lucene.analysis.Analyzer;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.AnalyzerFactory;

import cn.changji.archive.analysis.ik.lucene.IkAnalyzer;

@NamedComponent("ik_smart")
public class IkSmartAnalyzerFactory implements AnalyzerFactory {

    public IkSmartAnalyzerFactory() {}

    @Override
    public Analyzer create() {
        return new IkAnalyzer(true);
    }
}
