package cn.changji.archive.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import cn.changji.archive.article.Article;
import cn.changji.archive.testing.TestIndex;
import cn.changji.archive.article.ArticleSource;
import cn.changji.archive.config.ElasticsearchConfig;
import cn.changji.archive.config.IndexConfig;
import cn.changji.archive.config.IngestConfig;
import cn.changji.archive.testing.RejectingProxy;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;

/** An overloaded cluster answers bulk requests with 429: the indexer backs off and retries, and loses nothing. */
@QuarkusTest
class BulkRetryIT {

    @Inject
    ElasticsearchConfig elasticsearch;

    @Inject
    IngestConfig ingest;

    @Inject
    IndexConfig index;

    @Inject
    IndexBootstrap bootstrap;

    @Inject
    IndexDefinition definition;

    @Inject
    ObjectMapper mapper;

    @Inject
    ElasticsearchClient directClient;

    @Inject
    Vertx vertx;

    private static List<Article> articles(String prefix, int count) {
        List<Article> articles = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            articles.add(new Article(prefix + "-" + i, prefix + "重试测试文章" + i, null, null, null, "正文第" + i + "篇。", null, null,
                null, List.of(), List.of(), List.of(), List.of(), List.of(), Article.NEWS, new ArticleSource(prefix + ".ndjson", "ndjson", i)));
        }
        return articles;
    }

    /** An indexer whose bulk requests go through the proxy; everything else goes straight to Elasticsearch. */
    private ArticleIndexer indexerThrough(ElasticsearchHttp http) {
        return new ArticleIndexer(new ArticleDocuments(mapper), new StoredHashes(directClient, definition),
            new BulkWriter(http, mapper, definition, ingest, elasticsearch), bootstrap, directClient, definition, ingest);
    }

    private ElasticsearchHttp httpThrough(RejectingProxy proxy) {
        return new ElasticsearchHttp(vertx, List.of(proxy.uri()), Optional.empty(), Optional.empty(), 4,
            Duration.ofSeconds(2), mapper);
    }

    @Test
    void rejectedBulkRequestsAreRetriedUntilTheyGoThrough() throws IOException {
        bootstrap.ensureIndex();
        try (RejectingProxy proxy = new RejectingProxy(elasticsearch.hosts().get(0), 2);
             ElasticsearchHttp http = httpThrough(proxy)) {
            ArticleIndexer.Outcome outcome = indexerThrough(http).index(articles("retry", 12).iterator(), UnaryOperator.identity());
            assertEquals(12, outcome.indexed());
            assertEquals(List.of(), outcome.failed());
            assertEquals(3, proxy.bulkRequests(), "two rejected, the third went through");
        }
        assertEquals(12, directClient.count(c -> c.index(TestIndex.ALIAS).query(q -> q.prefix(p -> p.field("id").value("retry-")))).count());
    }

    @Test
    void theFirstBulkRequestOfAnImportIsSmallSoElasticsearchStartsAtOnce() throws IOException {
        bootstrap.ensureIndex();
        int first = ArticleIndexer.firstPartSize(ingest.bulkMaxArticles());
        try (RejectingProxy proxy = new RejectingProxy(elasticsearch.hosts().get(0), 0);
             ElasticsearchHttp http = httpThrough(proxy)) {
            ArticleIndexer.Outcome outcome = indexerThrough(http).index(articles("first", first + 1).iterator(), UnaryOperator.identity());
            assertEquals(first + 1, outcome.indexed());
            assertEquals(2, proxy.bulkRequests(), "the first " + first + " article(s) alone, then the rest");
        }
    }

    @Test
    void anImportOfSeveralBulkRequestsRefreshesOnceWhileItsLastIsIndexedAndAllOfItIsSearchableAtTheEnd() throws IOException {
        bootstrap.ensureIndex();
        int first = ArticleIndexer.firstPartSize(ingest.bulkMaxArticles());
        int several = first + 2 * ingest.bulkMaxArticles();
        try (RejectingProxy proxy = new RejectingProxy(elasticsearch.hosts().get(0), 0);
             ElasticsearchHttp http = httpThrough(proxy)) {
            ArticleIndexer indexer = indexerThrough(http);
            indexer.index(articles("one-request", first).iterator(), UnaryOperator.identity());
            assertEquals(0, proxy.refreshRequests(), "an import of one bulk request has only the refresh at its end");
            ArticleIndexer.Outcome outcome = indexer.index(articles("several", several).iterator(), UnaryOperator.identity());
            assertEquals(several, outcome.indexed());
            assertEquals(1, proxy.refreshRequests(), "the refresh sent with the last bulk request");
        }
        assertEquals(several, directClient.count(c -> c.index(TestIndex.ALIAS)
            .query(q -> q.prefix(p -> p.field("id").value("several-")))).count());
    }

    @Test
    void articlesForAnAliasThatIsGoneAreRefusedByNameAndNoIndexIsMadeInItsPlace() throws IOException {
        String gone = "gone-" + System.nanoTime();
        IndexDefinition deleted = new IndexDefinition(index) {
            @Override
            public String alias() {
                return gone;
            }
        };
        BulkWriter.Written written;
        try (RejectingProxy proxy = new RejectingProxy(elasticsearch.hosts().get(0), 0);
             ElasticsearchHttp http = httpThrough(proxy)) {
            BulkWriter.Batch batch = new BulkWriter(http, mapper, deleted, ingest, elasticsearch).open();
            ArticleDocuments documents = new ArticleDocuments(mapper);
            for (Article article : articles(gone, 2)) {
                batch.add(article, documents.of(article).bytes());
            }
            written = batch.finish();
        }
        assertEquals(0, written.indexed());
        assertEquals(2, written.unindexed().size());
        String reason = written.unindexed().get(0).reason();
        assertTrue(reason.contains("404") && reason.contains(gone), reason);
        assertFalse(directClient.indices().exists(e -> e.index(gone)).value(), "an index named " + gone + " was made");
    }

    @Test
    void articlesStillRefusedAfterEveryRetryAreReportedBySourceAndPosition() throws IOException {
        bootstrap.ensureIndex();
        try (RejectingProxy proxy = new RejectingProxy(elasticsearch.hosts().get(0), 1000);
             ElasticsearchHttp http = httpThrough(proxy)) {
            ArticleIndexer.Outcome outcome = indexerThrough(http).index(articles("refused", 3).iterator(), UnaryOperator.identity());
            assertEquals(0, outcome.indexed());
            assertEquals(3, outcome.failed().size());
            assertEquals("refused.ndjson", outcome.failed().get(0).file());
            assertEquals(List.of(1, 2, 3), outcome.failed().stream().map(f -> f.position()).sorted().toList());
            assertTrue(outcome.failed().get(0).reason().contains("kept refusing"), outcome.failed().get(0).reason());
            assertEquals(1 + ingest.bulkMaxRetries(), proxy.bulkRequests());
        }
    }
}
