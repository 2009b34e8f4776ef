package cn.changji.archive.index;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cn.changji.archive.article.Article;
import cn.changji.archive.config.IngestConfig;
import cn.changji.archive.article.RejectedRecord;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._helpers.bulk.BulkIngester;
import co.elastic.clients.elasticsearch._helpers.bulk.BulkListener;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch._types.Result;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.get.GetResult;
import co.elastic.clients.elasticsearch.core.mget.MultiGetResponseItem;
import co.elastic.clients.transport.BackoffPolicy;
import co.elastic.clients.util.BinaryData;
import co.elastic.clients.util.ContentType;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Writes articles to the index through the client's BulkIngester: bounded batches, retries with backoff when
 * Elasticsearch pushes back (429), every failure named by the article's source and position. An article whose
 * stored copy has the same content is left alone and counted as unchanged. The index is refreshed at the end so the
 * articles are searchable when the import answers.
 */
@ApplicationScoped
public class ArticleIndexer {
    private static final Logger LOG = Logger.getLogger(ArticleIndexer.class);
    private static final String[] INTERNAL_FIELDS = { "contentHash", "indexedAt", "suggest" };

    private final ElasticsearchClient client;
    private final IndexBootstrap bootstrap;
    private final IndexDefinition definition;
    private final IngestConfig config;
    private final ObjectMapper mapper;

    ArticleIndexer(ElasticsearchClient client, IndexBootstrap bootstrap, IndexDefinition definition, IngestConfig config,
                   ObjectMapper mapper) {
        this.client = client;
        this.bootstrap = bootstrap;
        this.definition = definition;
        this.config = config;
        this.mapper = mapper;
    }

    /** What became of the articles handed over: each one is indexed, unchanged or unindexed, with the reason. */
    public record Outcome(int indexed, int unchanged, List<Unindexed> unindexed) {
        /** The unindexed articles as the import report names them: file, position, id and reason. */
        public List<RejectedRecord> failed() {
            return unindexed.stream().map(Unindexed::rejected).toList();
        }
    }

    /** An article Elasticsearch did not take, kept whole so it can be written to a dead-letter file and replayed. */
    public record Unindexed(Article article, String reason) {
        RejectedRecord rejected() {
            return new RejectedRecord(article.source() == null ? null : article.source().file(),
                article.source() == null ? null : article.source().position(), null, null, null, reason, article.id());
        }
    }

    /** An article on its way: its document already serialized, once, as the bulk request sends it. */
    private record Pending(Article article, byte[] document) {}

    /**
     * Looks up the stored hashes a batch at a time and hands each batch to the ingester at once, so Elasticsearch
     * indexes one batch while the next is being prepared. Whole requests Elasticsearch could not take (unreachable,
     * overloaded) and single articles it refused for a passing reason (429, 5xx: a node gone, a primary being moved)
     * are sent again in later rounds, with growing pauses; ids are deterministic, so sending twice writes once.
     */
    public Outcome index(List<Article> articles) throws IOException {
        bootstrap.ensureIndex();
        Tally tally = new Tally();
        Map<String, String> seen = new HashMap<>();
        List<Pending> retry = new ArrayList<>();
        try (BulkIngester<Pending> ingester = ingester(tally, retry)) {
            for (int from = 0; from < articles.size(); from += config.bulkMaxArticles()) {
                List<Article> batch = articles.subList(from, Math.min(articles.size(), from + config.bulkMaxArticles()));
                Map<String, String> stored = storedHashesIfReachable(batch.stream().map(Article::id).distinct().toList());
                for (Article article : batch) {
                    Document document = document(article);
                    if (document.hash().equals(stored.get(article.id())) || document.hash().equals(seen.get(article.id()))) {
                        tally.unchanged++;
                    } else {
                        seen.put(article.id(), document.hash());
                        add(ingester, new Pending(article, document.bytes()));
                    }
                }
            }
        }
        long pause = config.bulkRetryBackoff().toMillis();
        for (int attempt = 1; !retry.isEmpty() && attempt <= config.bulkMaxRetries(); attempt++, pause *= 2) {
            LOG.warnf("Elasticsearch did not take %d article(s) (%s); retry %d of %d in %d ms",
                retry.size(), tally.lastRequestFailure, attempt, config.bulkMaxRetries(), pause);
            sleep(pause);
            List<Pending> again = List.copyOf(retry);
            retry.clear();
            try (BulkIngester<Pending> ingester = ingester(tally, retry)) {
                again.forEach(item -> add(ingester, item));
            }
        }
        for (Pending left : retry) {
            tally.fail(left.article(), "Elasticsearch kept refusing the bulk request after "
                + config.bulkMaxRetries() + " retries: " + tally.lastRequestFailure);
        }
        if (tally.indexed > 0) {
            try {
                client.indices().refresh(r -> r.index(definition.alias()));
            } catch (IOException | ElasticsearchException e) {
                // the articles are in; they become searchable at the next periodic refresh
                LOG.warnf("Refreshing %s after the import failed: %s", definition.alias(), ElasticsearchFailures.describe(e));
            }
        }
        return new Outcome(tally.indexed, tally.unchanged, List.copyOf(tally.unindexed));
    }

    private void add(BulkIngester<Pending> ingester, Pending item) {
        ingester.add(op -> op.index(ix -> ix.index(definition.alias()).id(item.article().id())
            .document(BinaryData.of(item.document(), ContentType.APPLICATION_JSON))), item);
    }

    /** A BulkIngester whose listener counts what was indexed, and collects the articles of whole failed requests. */
    private BulkIngester<Pending> ingester(Tally tally, List<Pending> retry) {
        BulkListener<Pending> listener = new BulkListener<>() {
            @Override
            public void beforeBulk(long executionId, BulkRequest request, List<Pending> contexts) {
            }

            @Override
            public void afterBulk(long executionId, BulkRequest request, List<Pending> contexts, BulkResponse response) {
                for (int i = 0; i < contexts.size(); i++) {
                    BulkResponseItem item = response.items().get(i);
                    if (item.error() == null) {
                        tally.indexed();
                    } else if (item.status() == 429 || item.status() >= 500) {
                        tally.requestFailed(item.status() + " " + item.error().type() + ": " + item.error().reason());
                        synchronized (retry) {
                            retry.add(contexts.get(i));
                        }
                    } else {
                        tally.fail(contexts.get(i).article(), "Elasticsearch refused the article (" + item.status() + " "
                            + item.error().type() + "): " + item.error().reason());
                    }
                }
            }

            @Override
            public void afterBulk(long executionId, BulkRequest request, List<Pending> contexts, Throwable failure) {
                String reason = ElasticsearchFailures.describe(failure);
                if (ElasticsearchFailures.isUnavailable(failure)) {
                    tally.requestFailed(reason);
                    synchronized (retry) {
                        retry.addAll(contexts);
                    }
                } else {
                    contexts.forEach(context -> tally.fail(context.article(), "the bulk request failed: " + reason));
                }
            }
        };
        return BulkIngester.of(b -> b
            .client(client)
            .maxOperations(config.bulkMaxArticles())
            .maxSize(config.bulkMaxSize().asLongValue())
            .maxConcurrentRequests(config.bulkConcurrency())
            .backoffPolicy(BackoffPolicy.exponentialBackoff(config.bulkRetryBackoff().toMillis(), config.bulkMaxRetries()))
            .listener(listener));
    }

    public Optional<Article> get(String id) throws IOException {
        try {
            GetResult<Article> result = client.get(g -> g.index(definition.alias()).id(id)
                .sourceExcludes(List.of(INTERNAL_FIELDS)), Article.class);
            return result.found() ? Optional.ofNullable(result.source()) : Optional.empty();
        } catch (ElasticsearchException e) {
            if (e.status() == 404) {
                return Optional.empty(); // no index yet: no article either
            }
            throw e;
        }
    }

    /** Deletes one article; false when there was none with this id. Searches no longer see it when this returns. */
    public boolean delete(String id) throws IOException {
        bootstrap.ensureIndex();
        return client.delete(d -> d.index(definition.alias()).id(id).refresh(Refresh.WaitFor)).result() == Result.Deleted;
    }

    /**
     * The stored hashes, or none when Elasticsearch cannot tell them now: the articles are then all sent (the same
     * ids overwrite the same documents) and the ingester's retries deal with the cluster's state.
     */
    private Map<String, String> storedHashesIfReachable(List<String> ids) throws IOException {
        try {
            return storedHashes(ids);
        } catch (IOException | ElasticsearchException e) {
            if (!ElasticsearchFailures.isClusterFailure(e)) {
                throw e;
            }
            LOG.warnf("Stored hashes of %d article(s) unreadable (%s); sending them all", ids.size(),
                ElasticsearchFailures.describe(e));
            return Map.of();
        }
    }

    private Map<String, String> storedHashes(List<String> ids) throws IOException {
        Map<String, String> hashes = new HashMap<>();
        if (ids.isEmpty()) {
            return hashes;
        }
        for (MultiGetResponseItem<ObjectNode> item : client.mget(m -> m.index(definition.alias()).ids(ids)
            .sourceIncludes("contentHash"), ObjectNode.class).docs()) {
            if (item.isResult() && item.result().found() && item.result().source() != null
                && item.result().source().hasNonNull("contentHash")) {
                hashes.put(item.result().id(), item.result().source().get("contentHash").textValue());
            }
        }
        return hashes;
    }

    /** An article as indexed (JSON bytes) and the hash of its content. */
    record Document(byte[] bytes, String hash) {}

    /**
     * The indexed document: the article, a hash of its content (the article without its source, so moving a piece
     * to another file does not count as a change), and the suggester's inputs.
     */
    Document document(Article article) {
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

    private static void sleep(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Counts kept across the ingester's threads. */
    private static final class Tally {
        int indexed;
        int unchanged;
        final List<Unindexed> unindexed = new ArrayList<>();
        volatile String lastRequestFailure;

        synchronized void indexed() {
            indexed++;
        }

        synchronized void fail(Article article, String reason) {
            unindexed.add(new Unindexed(article, reason));
        }

        void requestFailed(String reason) {
            lastRequestFailure = reason;
        }
    }
}
