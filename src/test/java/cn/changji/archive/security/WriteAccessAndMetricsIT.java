package cn.changji.archive.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import cn.changji.archive.api.Problem;
import cn.changji.archive.testing.TestIndex;
import cn.changji.archive.index.IndexBootstrap;
import cn.changji.archive.testing.Http;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** Writes need the key and change nothing without it; reads stay open; metrics and request ids show what happened. */
@QuarkusTest
class WriteAccessAndMetricsIT {
    private static final byte[] ARTICLE = "{\"title\":\"写入保护测试文章\",\"body\":\"写入保护测试正文。\"}".getBytes(StandardCharsets.UTF_8);

    @Inject
    ElasticsearchClient client;

    @Inject
    IndexBootstrap bootstrap;

    @BeforeEach
    void reader() throws IOException {
        Http.asReader();
        bootstrap.ensureIndex();
    }

    private long count() throws IOException {
        client.indices().refresh(r -> r.index(TestIndex.ALIAS));
        return client.count(c -> c.index(TestIndex.ALIAS).query(q -> q.matchPhrase(m -> m.field("title.exact").query("写入保护测试文章")))).count();
    }

    @Test
    void writeWithoutTheKeyIsRefusedAndChangesNothingWithTheKeyItSucceeds() throws IOException {
        long before = count();
        given().contentType("application/x-ndjson").body(ARTICLE).when().post("/api/v1/articles")
            .then().statusCode(401).contentType(Problem.MEDIA_TYPE)
            .header("WWW-Authenticate", containsString("X-API-Key"))
            .body("detail", containsString("X-API-Key"));
        given().header("X-API-Key", "wrong-key").contentType("application/x-ndjson").body(ARTICLE).when().post("/api/v1/articles")
            .then().statusCode(403).contentType(Problem.MEDIA_TYPE)
            .body("detail", equalTo("The write key sent is not valid for this service."))
            .body(org.hamcrest.Matchers.not(containsString("wrong-key")));
        assertEquals(before, count(), "refused writes changed nothing");

        String id = given().header("X-API-Key", Http.WRITE_KEY).contentType("application/x-ndjson").body(ARTICLE)
            .queryParam("dryRun", "true").when().post("/api/v1/imports").then().statusCode(200).extract().path("articles[0].id");
        given().header("X-API-Key", Http.WRITE_KEY).contentType("application/x-ndjson").body(ARTICLE).when().post("/api/v1/articles")
            .then().statusCode(200).body("read", equalTo(1));
        assertEquals(1, count());

        given().when().delete("/api/v1/articles/" + id).then().statusCode(401);
        assertEquals(1, count(), "a delete without the key deletes nothing");
        given().header("Authorization", "Bearer " + Http.WRITE_KEY).when().delete("/api/v1/articles/" + id).then().statusCode(204);
        assertEquals(0, count());
    }

    @Test
    void everyKindOfWriteIsProtectedAndReadsAreOpen() {
        given().contentType("text/plain").body("标题\n正文。".getBytes(StandardCharsets.UTF_8)).when().post("/api/v1/imports")
            .then().statusCode(401);
        given().contentType("text/plain").body("甲 = 乙".getBytes(StandardCharsets.UTF_8)).when().put("/api/v1/synonyms")
            .then().statusCode(401);
        given().when().get("/api/v1/synonyms").then().statusCode(200);
        given().queryParam("q", "新能源").when().get("/api/v1/articles/search").then().statusCode(200);
        given().queryParam("q", "昌吉").when().get("/api/v1/suggest").then().statusCode(200);
    }

    @Test
    void oversizedBodiesAreRefusedBeforeTheyAreRead() {
        byte[] big = new byte[1024 * 1024 + 1];
        java.util.Arrays.fill(big, (byte) 'a');
        given().header("X-API-Key", Http.WRITE_KEY).contentType("text/plain").body(big).when().put("/api/v1/synonyms")
            .then().statusCode(413).contentType(Problem.MEDIA_TYPE).body("detail", containsString("/api/v1/synonyms takes at most"));
    }

    @Test
    void metricsShowSearchesAndImports() {
        given().queryParam("q", "新能源").when().get("/api/v1/articles/search").then().statusCode(200);
        given().queryParam("q", "没有这样的词语组合xyz").when().get("/api/v1/articles/search").then().statusCode(200);
        given().header("X-API-Key", Http.WRITE_KEY).contentType("application/x-ndjson").body(ARTICLE)
            .when().post("/api/v1/articles").then().statusCode(200);
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String expected : new String[] {
            "archive_search_seconds_bucket{endpoint=\"search\"",
            "archive_search_seconds_count{endpoint=\"search\"",
            "archive_search_hits_count",
            "archive_search_zero_results_total",
            "archive_import_documents_total{outcome=\"indexed\"}",
            "archive_import_documents_total{outcome=\"unchanged\"}",
            "http_server_requests_seconds_count" }) {
            assertTrue(metrics.contains(expected), expected + " missing from /q/metrics");
        }
    }

    @Test
    void everyAnswerCarriesARequestId() {
        given().header("X-Request-Id", "abc-123").when().get("/api/v1/articles/search").then().header("X-Request-Id", "abc-123");
        String made = given().when().get("/api/v1/articles/search").then().extract().header("X-Request-Id");
        assertTrue(made != null && made.length() >= 32, made);
        given().header("X-Request-Id", "<bad id>").when().get("/api/v1/articles/search")
            .then().header("X-Request-Id", org.hamcrest.Matchers.not("<bad id>"));
    }
}
