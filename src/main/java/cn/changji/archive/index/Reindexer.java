package cn.changji.archive.index;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cn.changji.archive.config.IndexConfig;
import cn.changji.archive.failure.ArchiveException;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reindexing without downtime, on any Elasticsearch (this one has no reindex module): the next index is made with the
 * mapping in the repository, filled from a point in time of the current one, batch by batch, then from what was
 * written meanwhile (by indexedAt), its count checked, and the alias swapped to it in one atomic call; what was
 * written until the swap is copied once more. Searches read the alias throughout and never see a half-built index.
 * The previous index is kept until it is asked to go.
 */
@ApplicationScoped
public class Reindexer {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int BATCH = 1000;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final DateTimeFormatter SUFFIX = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    /** Longer than a write takes to land: what was under way at the swap has landed by then. */
    private static final Duration AFTER_SWAP = Duration.ofSeconds(2);

    private final ElasticsearchJson json;
    private final IndexDefinition definition;
    private final IndexConfig config;

    Reindexer(ElasticsearchJson json, IndexDefinition definition, IndexConfig config) {
        this.json = json;
        this.definition = definition;
        this.config = config;
    }

    /** What a reindex did. */
    public record Report(String from, String to, long documentsBefore, long copied, long caughtUp, long documentsAfter,
                         long tookMs) {}

    public Report reindex(Consumer<String> progress) throws IOException {
        long start = System.nanoTime();
        String alias = definition.alias();
        List<String> current = indicesOf(alias);
        if (current.size() != 1) {
            throw ArchiveException.invalid("The alias '" + alias + "' points at " + current + "; a reindex needs it on one index.");
        }
        String from = current.get(0);
        String to = from.equals(definition.indexName()) ? definition.indexName() + "-" + LocalDateTime.now(ZoneOffset.UTC).format(SUFFIX)
            : definition.indexName();
        if (exists("/" + to)) {
            throw ArchiveException.invalid("Index '" + to + "' exists already; delete it or let the alias point at it.");
        }
        createIndex(to);
        Instant copyStart = Instant.now().minusSeconds(1);
        long before = count(from, null);
        long copied = copy(from, to, null, progress);
        progress.accept(String.format("reindex: %d of %d articles copied into %s; catching up with what was written meanwhile",
            copied, before, to));
        Instant catchUpStart = Instant.now().minusSeconds(1);
        long caughtUp = copy(from, to, copyStart, progress);
        send("POST", "/" + to + "/_refresh", null);
        send("POST", "/" + from + "/_refresh", null);
        // what the current index held before the catch-up began must all be in the new one (writes go on meanwhile)
        long expected = count(from, null) - count(from, catchUpStart);
        long toCount = count(to, null);
        if (toCount < expected) {
            throw new IllegalStateException("Index " + to + " holds " + toCount + " articles, " + from + " held " + expected
                + " before the catch-up; the alias stays on " + from + ".");
        }
        swap(alias, from, to);
        // written between the catch-up and the swap, or by requests that were under way at the swap: copied until a
        // pass finds nothing new
        Instant since = catchUpStart;
        long pass;
        do {
            sleep(AFTER_SWAP);
            Instant passStart = Instant.now().minusSeconds(1);
            send("POST", "/" + from + "/_refresh", null);
            pass = copy(from, to, since, progress);
            caughtUp += pass;
            since = passStart;
        } while (pass > 0);
        send("POST", "/" + to + "/_refresh", null);
        progress.accept(String.format("reindex: the alias %s now names %s; %s is kept (reindex --delete=%s removes it)",
            alias, to, from, from));
        return new Report(from, to, before, copied, caughtUp, count(to, null), (System.nanoTime() - start) / 1_000_000);
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reindexing", e);
        }
    }

    /** Deletes an index the alias no longer names (a previous one, kept by a reindex). */
    public void delete(String index) throws IOException {
        if (indicesOf(definition.alias()).contains(index)) {
            throw ArchiveException.invalid("The alias '" + definition.alias() + "' names '" + index + "': it cannot go.");
        }
        if (!index.startsWith(definition.alias() + "-v")) {
            throw ArchiveException.invalid("'" + index + "' is not an index of the archive (" + definition.alias() + "-v…).");
        }
        send("DELETE", "/" + index, null);
    }

    private void createIndex(String index) throws IOException {
        ObjectNode body;
        try (InputStream in = definition.settingsAndMappings()) {
            body = (ObjectNode) MAPPER.readTree(in);
        }
        ObjectNode settings = (ObjectNode) body.path("settings").path("index");
        settings.put("number_of_shards", config.shards()).put("number_of_replicas", config.replicas());
        send("PUT", "/" + index, body);
    }

    /**
     * Copies the articles of {@code from} into {@code to} with their ids, from a point in time, in batches; only those
     * indexed since {@code since} when it is given. Copying one twice writes the same document: no harm.
     */
    private long copy(String from, String to, Instant since, Consumer<String> progress) throws IOException {
        String pit = send("POST", "/" + from + "/_pit?keep_alive=2m", null).path("id").asText();
        long copied = 0;
        try {
            ArrayNode after = null;
            while (true) {
                ObjectNode body = JSON.objectNode().put("size", BATCH).put("track_total_hits", false);
                body.putObject("pit").put("id", pit).put("keep_alive", "2m");
                body.putArray("sort").add(JSON.objectNode().put("_shard_doc", "asc"));
                body.putArray("docvalue_fields").add(ArticleDocuments.VECTOR); // kept out of _source
                if (since != null) {
                    body.putObject("query").putObject("range").putObject("indexedAt").put("gte", since.toString());
                }
                if (after != null) {
                    body.set("search_after", after);
                }
                JsonNode answer = send("POST", "/_search", body);
                pit = answer.path("pit_id").asText(pit);
                JsonNode hits = answer.path("hits").path("hits");
                if (hits.isEmpty()) {
                    return copied;
                }
                bulk(to, hits);
                copied += hits.size();
                after = (ArrayNode) hits.get(hits.size() - 1).path("sort");
                if (since == null && copied % (BATCH * 10L) == 0) {
                    progress.accept("reindex: " + copied + " articles copied");
                }
            }
        } finally {
            try {
                send("DELETE", "/_pit", JSON.objectNode().put("id", pit));
            } catch (IOException | RuntimeException e) {
                // it expires by itself
            }
        }
    }

    private void bulk(String index, JsonNode hits) throws IOException {
        ByteArrayOutputStream ndjson = new ByteArrayOutputStream(hits.size() * 2048);
        for (JsonNode hit : hits) {
            ObjectNode action = JSON.objectNode();
            action.putObject("index").put("_index", index).put("_id", hit.path("_id").asText());
            ndjson.write(action.toString().getBytes(StandardCharsets.UTF_8));
            ndjson.write('\n');
            ObjectNode source = (ObjectNode) hit.path("_source");
            JsonNode vector = ArticleDocuments.vectorField(hit);
            if (vector.isArray()) { // the vector goes along: computing it again would take hours at a million articles
                source.set(ArticleDocuments.VECTOR, vector);
            }
            ndjson.write(MAPPER.writeValueAsBytes(source));
            ndjson.write('\n');
        }
        JsonNode answer = json.send("POST", "/_bulk?filter_path=errors,items.*.error", "application/x-ndjson", ndjson.toByteArray(),
            TIMEOUT, JsonNode.class);
        if (answer.path("errors").asBoolean()) {
            throw new IllegalStateException("Elasticsearch refused articles while copying into " + index + ": "
                + answer.path("items").toString().substring(0, Math.min(500, answer.path("items").toString().length())));
        }
    }

    private void swap(String alias, String from, String to) throws IOException {
        ObjectNode body = JSON.objectNode();
        ArrayNode actions = body.putArray("actions");
        actions.addObject().putObject("remove").put("index", from).put("alias", alias);
        actions.addObject().putObject("add").put("index", to).put("alias", alias).put("is_write_index", true);
        send("POST", "/_aliases", body);
    }

    private List<String> indicesOf(String alias) throws IOException {
        List<String> indices = new ArrayList<>();
        if (exists("/_alias/" + alias)) {
            send("GET", "/_alias/" + alias, null).fieldNames().forEachRemaining(indices::add);
        }
        return indices;
    }

    /** The articles of an index, or those indexed since a time. */
    private long count(String index, Instant since) throws IOException {
        ObjectNode body = JSON.objectNode();
        if (since != null) {
            body.putObject("query").putObject("range").putObject("indexedAt").put("gte", since.toString());
        }
        return send("POST", "/" + index + "/_count", body).path("count").asLong();
    }

    private boolean exists(String path) throws IOException {
        return json.exists(path, TIMEOUT);
    }

    private JsonNode send(String method, String path, ObjectNode body) throws IOException {
        return json.call(method, path, body, TIMEOUT);
    }
}
