package cn.changji.archive.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import cn.changji.archive.article.Article;
import cn.changji.archive.testing.TestIndex;
import cn.changji.archive.article.ArticleSource;
import cn.changji.archive.config.ElasticsearchConfig;
import cn.changji.archive.config.IngestConfig;
import cn.changji.archive.testing.RejectingProxy;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** An overloaded cluster answers bulk requests with 429: the indexer backs off and retries, and loses nothing. */
@QuarkusTest
class BulkRetryIT {

    @Inject
    ElasticsearchConfig elasticsearch;

    @Inject
    IngestConfig ingest;

    @Inject
    IndexBootstrap bootstrap;

    @Inject
    IndexDefinition definition;

    @Inject
    ObjectMapper mapper;

    @Inject
    ElasticsearchClient directClient;

    private static List<Article> articles(String prefix, int count) {
        List<Article> articles = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            articles.add(new Article(prefix + "-" + i, prefix + "重试测试文章" + i, null, null, null, "正文第" + i + "篇。", null, null,
                null, List.of(), List.of(), List.of(), List.of(), List.of(), Article.NEWS, new ArticleSource(prefix + ".ndjson", "ndjson", i)));
        }
        return articles;
    }

    private ArticleIndexer indexerThrough(RejectingProxy proxy, RestClient[] restClient) {
        restClient[0] = RestClient.builder(HttpHost.create(proxy.uri().toString())).build();
        ElasticsearchClient client = new ElasticsearchClient(new RestClientTransport(restClient[0], new JacksonJsonpMapper(mapper)));
        return new ArticleIndexer(new ArticleDocuments(mapper), new StoredHashes(client, definition),
            new BulkWriter(client, definition, ingest), bootstrap, client, definition, ingest);
    }

    @Test
    void rejectedBulkRequestsAreRetriedUntilTheyGoThrough() throws IOException {
        bootstrap.ensureIndex();
        RestClient[] rest = new RestClient[1];
        try (RejectingProxy proxy = new RejectingProxy(elasticsearch.hosts().get(0), 2)) {
            ArticleIndexer.Outcome outcome = indexerThrough(proxy, rest).index(articles("retry", 12), UnaryOperator.identity());
            assertEquals(12, outcome.indexed());
            assertEquals(List.of(), outcome.failed());
            assertEquals(3, proxy.bulkRequests(), "two rejected, the third went through");
        } finally {
            rest[0].close();
        }
        assertEquals(12, directClient.count(c -> c.index(TestIndex.ALIAS).query(q -> q.prefix(p -> p.field("id").value("retry-")))).count());
    }

    @Test
    void articlesStillRefusedAfterEveryRetryAreReportedBySourceAndPosition() throws IOException {
        bootstrap.ensureIndex();
        RestClient[] rest = new RestClient[1];
        try (RejectingProxy proxy = new RejectingProxy(elasticsearch.hosts().get(0), 1000)) {
            ArticleIndexer.Outcome outcome = indexerThrough(proxy, rest).index(articles("refused", 3), UnaryOperator.identity());
            assertEquals(0, outcome.indexed());
            assertEquals(3, outcome.failed().size());
            assertEquals("refused.ndjson", outcome.failed().get(0).file());
            assertEquals(List.of(1, 2, 3), outcome.failed().stream().map(f -> f.position()).sorted().toList());
            assertTrue(outcome.failed().get(0).reason().contains("kept refusing"), outcome.failed().get(0).reason());
            assertEquals(1 + ingest.bulkMaxRetries(), proxy.bulkRequests());
        } finally {
            rest[0].close();
        }
    }
}
