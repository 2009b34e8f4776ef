package cn.changji.archive.index;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

import cn.changji.archive.article.Article;
import cn.changji.archive.article.ArticleSource;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * An article as the index stores it: the article, a hash of its content (the article without its source, so moving
 * a piece to another file does not count as a change), when it was indexed, and the suggester's inputs. Serialized
 * once, as the bulk request sends it.
 */
@ApplicationScoped
public class ArticleDocuments {
    /**
     * The article's vector: dense_vector, int8 HNSW, cosine (index/articles-v3.json). Left out of the stored _source
     * and read from the field itself where needed: 512 numbers as JSON text in every article's _source made every
     * hit's fetch read and decompress 5 kB more.
     */
    public static final String VECTOR = "embedding";
    /**
     * The fields the index adds to an article, never part of the article a reader gets: the vector (meaning/) is
     * added to the indexed article later, by the service's background thread.
     */
    public static final String[] INTERNAL_FIELDS = { "contentHash", "indexedAt", "suggest", VECTOR };

    /**
     * The vector of a hit that asked for it as a docvalue field (as [[…]]), or a missing node when it has none: the
     * index keeps it out of _source.
     */
    public static JsonNode vectorField(JsonNode hit) {
        JsonNode values = hit.path("fields").path(VECTOR);
        return values.path(0).isArray() ? values.path(0) : values;
    }

    private final ObjectMapper mapper;
    /** Writes an article without its source: the bytes its content hash is taken of. */
    private final ObjectWriter withoutSource;

    ArticleDocuments(ObjectMapper mapper) {
        this.mapper = mapper;
        this.withoutSource = mapper.copy().addMixIn(Article.class, WithoutSource.class).writer();
    }

    @JsonIgnoreProperties("source")
    private interface WithoutSource {}

    /** An article as indexed (JSON bytes) and the hash of its content. */
    public record Document(byte[] bytes, String hash) {}

    /**
     * Serializes the article once: its content (hashed) followed by its source and the index's own fields. The
     * order of a document's fields means nothing to Elasticsearch; the hash is the one earlier versions stored.
     */
    public Document of(Article article) {
        try {
            byte[] content = withoutSource.writeValueAsBytes(article);
            String hash = sha256(content);
            List<String> inputs = new ArrayList<>();
            if (article.title() != null) {
                inputs.add(article.title());
            }
            inputs.addAll(article.authors());
            inputs.addAll(article.counties());
            inputs.addAll(article.organizations());
            byte[] added = mapper.writeValueAsBytes(new Added(article.source(), hash, Instant.now().toString(), new Suggest(inputs)));
            // {content} and {added} as one object: {content,added}
            byte[] document = Arrays.copyOf(content, content.length + added.length - 1);
            document[content.length - 1] = ',';
            System.arraycopy(added, 1, document, content.length, added.length - 1);
            return new Document(document, hash);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An article could not be written as JSON: " + e.getMessage(), e);
        }
    }

    /** What the index adds to an article's content: see {@link #INTERNAL_FIELDS}. */
    private record Added(ArticleSource source, String contentHash, String indexedAt, Suggest suggest) {}

    private record Suggest(List<String> input) {}

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
