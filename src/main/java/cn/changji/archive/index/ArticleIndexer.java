package cn.changji.archive.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.jboss.logging.Logger;

import cn.changji.archive.article.Article;
import cn.changji.archive.article.RejectedRecord;
import cn.changji.archive.config.IngestConfig;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Puts articles into the index: a batch at a time, it looks up what is stored ({@link StoredHashes}), leaves alone
 * every article whose stored copy has the same content (unchanged), and hands the others, serialized once
 * ({@link ArticleDocuments}), to the {@link BulkWriter} at once, so Elasticsearch indexes one batch while the next
 * is prepared. The index is refreshed at the end so the articles are searchable when the import answers (and once
 * already while the last requests are indexed, {@link BulkWriter.Batch#sendLast()}, so that end has little left).
 */
@ApplicationScoped
public class ArticleIndexer {
    private static final Logger LOG = Logger.getLogger(ArticleIndexer.class);

    private final ArticleDocuments documents;
    private final StoredHashes stored;
    private final BulkWriter writer;
    private final IndexBootstrap bootstrap;
    private final ElasticsearchClient client;
    private final IndexDefinition definition;
    private final IngestConfig config;

    ArticleIndexer(ArticleDocuments documents, StoredHashes stored, BulkWriter writer, IndexBootstrap bootstrap,
                   ElasticsearchClient client, IndexDefinition definition, IngestConfig config) {
        this.documents = documents;
        this.stored = stored;
        this.writer = writer;
        this.bootstrap = bootstrap;
        this.client = client;
        this.definition = definition;
        this.config = config;
    }

    /**
     * What became of the articles handed over ({@code articles} of them): each one is indexed, unchanged or unindexed,
     * with the reason.
     */
    public record Outcome(int articles, int indexed, int unchanged, List<Unindexed> unindexed) {
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

    /**
     * Indexes the articles, each first passed through {@code completion} (the importer's tagging) one batch at a time,
     * taken from {@code articles} only then (a reader may read them as they are asked for): the next batch is read
     * and completed while Elasticsearch indexes the one before.
     */
    public Outcome index(Iterator<Article> articles, UnaryOperator<Article> completion) throws IOException {
        bootstrap.ensureIndex();
        int taken = 0;
        int unchanged = 0;
        Map<String, String> seen = new HashMap<>();
        BulkWriter.Written written;
        try (BulkWriter.Batch batch = writer.open()) {
            int partSize = firstPartSize(config.bulkMaxArticles());
            while (articles.hasNext()) {
                List<Article> part = new ArrayList<>(partSize);
                while (part.size() < partSize && articles.hasNext()) {
                    part.add(completion.apply(articles.next()));
                }
                taken += part.size();
                Map<String, String> hashes = stored.ofIfReachable(part.stream().map(Article::id).distinct().toList());
                for (Article article : part) {
                    ArticleDocuments.Document document = documents.of(article);
                    if (document.hash().equals(hashes.get(article.id())) || document.hash().equals(seen.get(article.id()))) {
                        unchanged++;
                    } else {
                        seen.put(article.id(), document.hash());
                        batch.add(article, document.bytes());
                    }
                }
                if (partSize < config.bulkMaxArticles()) {
                    batch.send(); // the first, small part: Elasticsearch starts on it while the next is prepared
                    partSize = config.bulkMaxArticles();
                }
            }
            batch.sendLast();
            written = batch.finish();
        }
        if (written.indexed() > 0) {
            try {
                client.indices().refresh(r -> r.index(definition.alias()));
            } catch (IOException | ElasticsearchException e) {
                // the articles are in; they become searchable at the next periodic refresh
                LOG.warnf("Refreshing %s after the import failed: %s", definition.alias(), ElasticsearchFailures.describe(e));
            }
        }
        return new Outcome(taken, written.indexed(), unchanged, written.unindexed());
    }

    /**
     * How many articles the first part of an import takes: a tenth of a bulk request, sent on its own, so that
     * Elasticsearch has work a few milliseconds into the import instead of only once a whole request's articles are
     * tagged, looked up and serialized (Elasticsearch idle meanwhile, at the start of every imported file).
     */
    static int firstPartSize(int bulkMaxArticles) {
        return Math.max(1, bulkMaxArticles / 10);
    }
}
