package cn.changji.archive.bench;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import cn.changji.archive.analysis.ik.lucene.IkTokenizer;

/** Our IK tokenizer on the text of the five seed pages (about 40,000 characters), smart and max_word. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TokenizerBench {
    @Param({ "true", "false" })
    public boolean smart;

    private String text;
    private Tokenizer tokenizer;

    @Setup
    public void setUp() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("bench.seeds", "seeds")))) {
            text = files.filter(f -> f.toString().endsWith(".txt")).sorted().map(f -> {
                try {
                    return Files.readString(f, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).collect(Collectors.joining("\n"));
        }
        tokenizer = new IkTokenizer(smart);
    }

    /** Tokens of the whole text; one operation is one pass over the seeds. */
    @Benchmark
    public int tokenizeSeeds() throws IOException {
        tokenizer.setReader(new StringReader(text));
        tokenizer.reset();
        CharTermAttribute term = tokenizer.getAttribute(CharTermAttribute.class);
        int tokens = 0;
        while (tokenizer.incrementToken()) {
            tokens += term.length() > 0 ? 1 : 0;
        }
        tokenizer.end();
        tokenizer.close();
        return tokens;
    }

    static int tokensPerPass(boolean smart) throws IOException {
        TokenizerBench bench = new TokenizerBench();
        bench.smart = smart;
        bench.setUp();
        return bench.tokenizeSeeds();
    }

    static int characters() throws IOException {
        TokenizerBench bench = new TokenizerBench();
        bench.setUp();
        return bench.text.length();
    }
}
