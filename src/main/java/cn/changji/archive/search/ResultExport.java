package cn.changji.archive.search;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cn.changji.archive.article.Article;
import cn.changji.archive.config.ExportConfig;
import cn.changji.archive.config.SearchConfig;
import cn.changji.archive.failure.ArchiveException;
import cn.changji.archive.index.ArticleDocuments;
import cn.changji.archive.index.CircuitBreaker;
import cn.changji.archive.index.ElasticsearchJson;
import cn.changji.archive.index.IndexDefinition;
import cn.changji.archive.observability.ArchiveMetrics;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Every hit of a search, in the search's order, read batch by batch from a point in time: an export holds one batch
 * at a time, however many rows it gives, and articles indexed meanwhile neither repeat nor shift a row.
 */
@ApplicationScoped
public class ResultExport {
    private static final Logger LOG = Logger.getLogger(ResultExport.class);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final ElasticsearchJson json;
    private final IndexDefinition definition;
    private final SearchConfig search;
    private final ExportConfig export;
    private final SynonymStore synonyms;
    private final ArchiveMetrics metrics;
    private final GuardedCalls calls;

    ResultExport(ElasticsearchJson json, IndexDefinition definition, SearchConfig search, ExportConfig export,
                 SynonymStore synonyms, ArchiveMetrics metrics, CircuitBreaker breaker) {
        this.json = json;
        this.definition = definition;
        this.search = search;
        this.export = export;
        this.synonyms = synonyms;
        this.metrics = metrics;
        this.calls = new GuardedCalls(breaker);
    }

    /**
     * Opens a walk over the hits of {@code params} (its paging aside) and reads the first batch, so that a search
     * with more hits than an export gives is refused before anything is written.
     *
     * @param withBody whether the rows carry the articles' bodies (a spreadsheet does without them)
     */
    public Walk open(SearchParams params, boolean withBody) throws IOException {
        ObjectNode body = SearchRequestBody.walk(params, synonyms.current(), search.timeout());
        body.remove("highlight");
        body.put("size", export.batchSize());
        ArrayNode excluded = body.putObject("_source").putArray("excludes");
        for (String field : ArticleDocuments.INTERNAL_FIELDS) {
            excluded.add(field);
        }
        if (!withBody) {
            excluded.add("body");
        }
        String pit = calls.blocking(() -> json.send("POST", "/" + definition.alias() + "/_pit?keep_alive=" + keepAlive(),
            "application/json", new byte[0], clientTimeout(), JsonNode.class)).path("id").asText();
        Walk walk = new Walk(body, pit);
        try {
            walk.first = walk.read(export.maxRows() + 1);
            if (walk.total > export.maxRows()) {
                throw ArchiveException.invalid("This search has more than " + export.maxRows() + " hits, more than one "
                    + "export gives (archive.export.max-rows); narrow it with facets or a date range and export the parts.");
            }
        } catch (IOException | RuntimeException e) {
            walk.close();
            throw e;
        }
        return walk;
    }

    /** A walk over one search's hits: the total, then batch after batch until an empty one. Close it at the end. */
    public final class Walk implements AutoCloseable {
        private final ObjectNode body;
        private String pit;
        private long total;
        private List<Article> first;
        private ArrayNode after;
        private boolean done;

        private Walk(ObjectNode body, String pit) {
            this.body = body;
            this.pit = pit;
        }

        /** How many rows the walk gives. */
        public long total() {
            return total;
        }

        /** The next batch of articles, in the search's order; empty once every hit was given. */
        public List<Article> next() throws IOException {
            if (first != null) {
                List<Article> batch = first;
                first = null;
                return batch;
            }
            return done ? List.of() : read(0);
        }

        private List<Article> read(int countUpTo) throws IOException {
            body.putObject("pit").put("id", pit).put("keep_alive", keepAlive());
            if (after != null) {
                body.set("search_after", after);
            }
            if (countUpTo > 0) {
                body.put("track_total_hits", countUpTo);
            } else {
                body.put("track_total_hits", false);
            }
            Batch batch = calls.blocking(() -> json.send("POST", "/_search", "application/json",
                body.toString().getBytes(StandardCharsets.UTF_8), clientTimeout(), Batch.class));
            if (batch.timedOut()) {
                throw new ArchiveException(ArchiveException.Kind.UNAVAILABLE, "Reading the hits took longer than "
                    + search.timeout().toMillis() + " ms and was stopped; retry shortly.");
            }
            pit = batch.pitId() == null ? pit : batch.pitId();
            List<Row> rows = batch.hits() == null || batch.hits().hits() == null ? List.of() : batch.hits().hits();
            if (countUpTo > 0) {
                total = batch.hits() == null || batch.hits().total() == null ? rows.size() : batch.hits().total().value();
            }
            List<Article> articles = new ArrayList<>(rows.size());
            rows.forEach(row -> articles.add(row.source()));
            done = rows.size() < export.batchSize();
            if (!rows.isEmpty()) {
                after = rows.get(rows.size() - 1).sort();
            }
            metrics.exportBatch(rows.size());
            return articles;
        }

        /** Lets the point in time go; if that fails, it expires by itself. */
        @Override
        public void close() {
            try {
                json.send("DELETE", "/_pit", "application/json",
                    JSON.objectNode().put("id", pit).toString().getBytes(StandardCharsets.UTF_8), clientTimeout(), JsonNode.class);
            } catch (IOException | RuntimeException e) {
                LOG.debugf("Closing an export's point in time failed (it expires by itself): %s", e.getMessage());
            }
        }
    }

    private String keepAlive() {
        return search.cursorKeepAlive().toSeconds() + "s";
    }

    private Duration clientTimeout() {
        return search.timeout().plusSeconds(1);
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Batch(@JsonProperty("timed_out") boolean timedOut, @JsonProperty("pit_id") String pitId, Hits hits) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Hits(ElasticsearchAnswers.Total total, List<Row> hits) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Row(@JsonProperty("_source") Article source, ArrayNode sort) {}
}
