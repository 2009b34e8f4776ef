package cn.changji.archive.analysis.ik;

import org.apache.lucene.analysis.Tokenizer;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenizerFactory;

import cn.changji.archive.analysis.ik.lucene.IkTokenizer;

@NamedComponent("ik_max_word")
public class IkMaxWordTokenizerFactory implements TokenizerFactory {

    public IkMaxWordTokenizerFactory() {}

    @Override
    public Tokenizer create() {
        return new IkTokenizer(false);
    }
}
