package cn.changji.archive.meaning;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cn.changji.archive.index.ArticleDocuments;
import cn.changji.archive.index.ElasticsearchJson;
import cn.changji.archive.index.IndexDefinition;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The articles' vectors in the index: which articles have none yet, storing computed ones, how many there are.
 * The vector is a field of the article ({@link ArticleDocuments#VECTOR}), stored by a partial
 * update conditioned on the article's sequence number: an article imported again meanwhile keeps no vector computed
 * from its old text, and is read again.
 */
@ApplicationScoped
public class ArticleVectors {
    private static final Logger LOG = Logger.getLogger(ArticleVectors.class);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String FIELD = ArticleDocuments.VECTOR;

    private final ElasticsearchJson json;
    private final IndexDefinition definition;

    ArticleVectors(ElasticsearchJson json, IndexDefinition definition) {
        this.json = json;
        this.definition = definition;
    }

    /** An article without a vector, as read: its id, the version it was read at and the text to embed. */
    record Pending(String id, long seqNo, long primaryTerm, String text) {}

    /** How many articles the index has, and how many of them have a vector. */
    public record Counts(long articles, long withVector) {
        public long pending() {
            return articles - withVector;
        }
    }

    /** Up to {@code size} articles without a vector, in id order, after the id {@code after} (null: from the first). */
    List<Pending> pending(String after, int size) throws IOException {
        ObjectNode body = JSON.objectNode();
        body.putObject("query").putObject("bool").putArray("must_not").addObject().putObject("exists").put("field", FIELD);
        body.put("size", size);
        body.put("track_total_hits", false);
        body.put("seq_no_primary_term", true);
        body.putArray("sort").addObject().put("id", "asc");
        if (after != null) {
            body.putArray("search_after").add(after);
        }
        body.putObject("_source").putArray("includes").add("kicker").add("title").add("subtitle").add("body");
        JsonNode answer = json.call("POST", "/" + definition.alias() + "/_search", body, TIMEOUT);
        List<Pending> pending = new ArrayList<>();
        for (JsonNode hit : answer.path("hits").path("hits")) {
            JsonNode source = hit.path("_source");
            pending.add(new Pending(hit.path("_id").asText(), hit.path("_seq_no").asLong(), hit.path("_primary_term").asLong(),
                VectorText.of(text(source, "kicker"), text(source, "title"), text(source, "subtitle"), text(source, "body"))));
        }
        return pending;
    }

    private static String text(JsonNode source, String field) {
        JsonNode value = source.path(field);
        return value.isTextual() ? value.asText() : null;
    }

    /**
     * Stores each article's vector unless the article changed or went since it was read; gives how many were stored.
     * Any other refusal is logged with the article's id and the article is left without a vector.
     */
    int store(List<Pending> articles, List<float[]> vectors) throws IOException {
        ByteArrayOutputStream ndjson = new ByteArrayOutputStream(articles.size() * 6000);
        for (int i = 0; i < articles.size(); i++) {
            Pending article = articles.get(i);
            ObjectNode action = JSON.objectNode();
            action.putObject("update").put("_id", article.id()).put("if_seq_no", article.seqNo())
                .put("if_primary_term", article.primaryTerm());
            ndjson.write(MAPPER.writeValueAsBytes(action));
            ndjson.write('\n');
            ndjson.writeBytes(("{\"doc\":{\"" + FIELD + "\":" + vectorJson(vectors.get(i)) + "}}\n")
                .getBytes(StandardCharsets.US_ASCII));
        }
        // require_alias, as the imports' bulk writer: an alias deleted meanwhile is refused, not made an index
        JsonNode answer = json.send("POST", "/" + definition.alias() + "/_bulk?require_alias=true&filter_path=items.*.status,items.*._id,"
            + "items.*.error.type,items.*.error.reason", "application/x-ndjson", ndjson.toByteArray(), TIMEOUT, JsonNode.class);
        int stored = 0;
        for (JsonNode item : answer.path("items")) {
            JsonNode update = item.path("update");
            int status = update.path("status").asInt();
            if (status == 200 || status == 201) {
                stored++;
            } else if (status != 409 && status != 404) {
                // 409: imported again since it was read; 404: deleted meanwhile. Either way nothing to regret.
                LOG.warnf("Elasticsearch refused the vector of article [%s] (%d %s: %s); it stays without one",
                    update.path("_id").asText(), status, update.path("error").path("type").asText(),
                    update.path("error").path("reason").asText());
            }
        }
        return stored;
    }

    /** The vector as JSON, 5 decimals (the index quantizes it to 8 bits anyway): a third of Java's float texts. */
    static String vectorJson(float[] vector) {
        StringBuilder text = new StringBuilder(vector.length * 9 + 2).append('[');
        for (int i = 0; i < vector.length; i++) {
            if (i > 0) {
                text.append(',');
            }
            long scaled = Math.round(vector[i] * 100_000d);
            if (scaled < 0) {
                text.append('-');
                scaled = -scaled;
            }
            text.append(scaled / 100_000).append('.');
            String fraction = Long.toString(scaled % 100_000);
            text.append("00000", 0, 5 - fraction.length()).append(fraction);
        }
        return text.append(']').toString();
    }

    public Counts counts() throws IOException {
        ObjectNode body = JSON.objectNode();
        body.put("size", 0);
        body.put("track_total_hits", true);
        body.putObject("aggs").putObject("with").putObject("filter").putObject("exists").put("field", FIELD);
        JsonNode answer = json.call("POST", "/" + definition.alias() + "/_search", body, TIMEOUT);
        return new Counts(answer.path("hits").path("total").path("value").asLong(),
            answer.path("aggregations").path("with").path("doc_count").asLong());
    }

    /** Makes the vectors stored so far visible to searches and counts (the index refreshes by itself within a second). */
    void refresh() throws IOException {
        json.call("POST", "/" + definition.alias() + "/_refresh", null, TIMEOUT);
    }

    /** Documents written into the index since it was made (Elasticsearch's index_total of its primaries). */
    long writes() throws IOException {
        JsonNode answer = json.call("GET", "/" + definition.alias() + "/_stats/indexing?filter_path=_all.primaries.indexing.index_total",
            null, TIMEOUT);
        return answer.path("_all").path("primaries").path("indexing").path("index_total").asLong();
    }
}
