package cn.changji.archive.analysis.ik;

import org.apache.lucene.analysis.Tokenizer;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenizerFactory;

import cn.changji.archive.analysis.ik.lucene.IkTokenizer;

@NamedComponent("ik_smart")
public class IkSmartTokenizerFactory implements TokenizerFactory {

    public IkSmartTokenizerFactory() {}

    @Override
    public Tokenizer create() {
        return new IkTokenizer(true);
    }
}
