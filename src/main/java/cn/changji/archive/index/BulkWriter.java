package cn.changji.archive.index;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import cn.changji.archive.article.Article;
import cn.changji.archive.config.IngestConfig;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._helpers.bulk.BulkIngester;
import co.elastic.clients.elasticsearch._helpers.bulk.BulkListener;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.transport.BackoffPolicy;
import co.elastic.clients.util.BinaryData;
import co.elastic.clients.util.ContentType;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Writes serialized articles through the client's BulkIngester (bounded batches, concurrent requests), with one
 * retry layer: whole requests Elasticsearch could not take (unreachable, overloaded) and single articles it refused
 * for a passing reason (429, 5xx: a node gone, a primary being moved) are sent again in later rounds, with doubling
 * pauses, at most {@link IngestConfig#bulkMaxRetries()} times. Ids are deterministic: sending twice writes once.
 * Every article it could not write is named with the reason.
 */
@ApplicationScoped
public class BulkWriter {
    private static final Logger LOG = Logger.getLogger(BulkWriter.class);

    private final ElasticsearchClient client;
    private final IndexDefinition definition;
    private final IngestConfig config;

    BulkWriter(ElasticsearchClient client, IndexDefinition definition, IngestConfig config) {
        this.client = client;
        this.definition = definition;
        this.config = config;
    }

    /** What became of the articles written: indexed, or unindexed with the reason. */
    public record Written(int indexed, List<ArticleIndexer.Unindexed> unindexed) {}

    /** A run of writes: articles go out as they are added; {@link Batch#finish()} retries and tells the outcome. */
    public Batch open() {
        return new Batch();
    }

    /** An article on its way: its document already serialized, once, as the bulk request sends it. */
    private record Pending(Article article, byte[] document) {}

    public final class Batch implements AutoCloseable {
        private final Tally tally = new Tally();
        private final List<Pending> retry = new ArrayList<>();
        private BulkIngester<Pending> ingester = ingester(tally, retry);

        private Batch() {}

        public void add(Article article, byte[] document) {
            send(ingester, new Pending(article, document));
        }

        /** Waits for what was added, then sends again what was refused for a passing reason, round by round. */
        public Written finish() {
            close();
            long pause = config.bulkRetryBackoff().toMillis();
            for (int attempt = 1; !retry.isEmpty() && attempt <= config.bulkMaxRetries(); attempt++, pause *= 2) {
                LOG.warnf("Elasticsearch did not take %d article(s) (%s); retry %d of %d in %d ms",
                    retry.size(), tally.lastRequestFailure, attempt, config.bulkMaxRetries(), pause);
                sleep(pause);
                List<Pending> again = List.copyOf(retry);
                retry.clear();
                try (BulkIngester<Pending> round = ingester(tally, retry)) {
                    again.forEach(item -> send(round, item));
                }
            }
            for (Pending left : retry) {
                tally.fail(left.article(), "Elasticsearch kept refusing the bulk request after "
                    + config.bulkMaxRetries() + " retries: " + tally.lastRequestFailure);
            }
            retry.clear();
            return new Written(tally.indexed, List.copyOf(tally.unindexed));
        }

        @Override
        public void close() {
            if (ingester != null) {
                ingester.close();
                ingester = null;
            }
        }
    }

    /** What the listener reads of a bulk answer; Elasticsearch leaves out the rest (versions, shards, sequence numbers). */
    private static final String BULK_ANSWER = "took,errors,items.*._index,items.*._id,items.*.status,items.*.error";

    private void send(BulkIngester<Pending> ingester, Pending item) {
        ingester.add(op -> op.index(ix -> ix.index(definition.alias()).id(item.article().id())
            .document(BinaryData.of(item.document(), ContentType.APPLICATION_JSON))), item);
    }

    /**
     * A BulkIngester without retries of its own (the rounds above are the only retry layer), whose listener counts
     * what was indexed and collects what is to be sent again.
     */
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
            .client(client.withTransportOptions(o -> o.setParameter("filter_path", BULK_ANSWER)))
            .maxOperations(config.bulkMaxArticles())
            .maxSize(config.bulkMaxSize().asLongValue())
            .maxConcurrentRequests(config.bulkConcurrency())
            .backoffPolicy(BackoffPolicy.noBackoff())
            .listener(listener));
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
        final List<ArticleIndexer.Unindexed> unindexed = new ArrayList<>();
        volatile String lastRequestFailure;

        synchronized void indexed() {
            indexed++;
        }

        synchronized void fail(Article article, String reason) {
            unindexed.add(new ArticleIndexer.Unindexed(article, reason));
        }

        void requestFailed(String reason) {
            lastRequestFailure = reason;
        }
    }
}
