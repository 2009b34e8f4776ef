package cn.changji.archive.index;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cn.changji.archive.article.Article;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * An article as the index stores it: the article, a hash of its content (the article without its source, so moving
 * a piece to another file does not count as a change), when it was indexed, and the suggester's inputs. Serialized
 * once, as the bulk request sends it.
 */
@ApplicationScoped
public class ArticleDocuments {
    /** The fields the index adds to an article, never part of the article a reader gets. */
    static final String[] INTERNAL_FIELDS = { "contentHash", "indexedAt", "suggest" };

    private final ObjectMapper mapper;

    ArticleDocuments(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** An article as indexed (JSON bytes) and the hash of its content. */
    public record Document(byte[] bytes, String hash) {}

    public Document of(Article article) {
        ObjectNode document = mapper.valueToTree(article);
        JsonNode source = document.remove("source");
        String hash = sha256(write(document));
        document.set("source", source);
        document.put("contentHash", hash);
        document.put("indexedAt", Instant.now().toString());
        ArrayNode inputs = document.putObject("suggest").putArray("input");
        if (article.title() != null) {
            inputs.add(article.title());
        }
        article.authors().forEach(inputs::add);
        article.counties().forEach(inputs::add);
        return new Document(write(document), hash);
    }

    private byte[] write(ObjectNode node) {
        try {
            return mapper.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An article could not be written as JSON: " + e.getMessage(), e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
