package cn.changji.archive.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import cn.changji.archive.article.Article;
import cn.changji.archive.testing.TestIndex;
import cn.changji.archive.testing.Http;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;

/** The seed pages through the HTTP API into the real Elasticsearch with the real IK plugin, and found again by search. */
@QuarkusTest
class ImportSeedsIT {

    @BeforeEach
    void asWriter() {
        Http.asWriter();
    }

    @Inject
    ElasticsearchClient client;

    private static List<Path> seeds() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("seeds"))) {
            return files.filter(f -> f.toString().endsWith(".txt")).sorted().toList();
        }
    }

    private static Response importPage(Path page, byte[] bytes, String contentType) {
        return given().contentType(contentType).body(bytes)
            .queryParam("filename", page.getFileName().toString())
            .when().post("/api/v1/imports");
    }

    @Test
    void everySeedArticleIsIndexedOnceAndFoundBySearchingItsTitle() throws IOException {
        List<Article> expected = new ArrayList<>();
        for (Path page : seeds()) {
            byte[] bytes = Files.readAllBytes(page);
            Article[] articles = given().contentType("text/plain; charset=UTF-8").body(bytes)
                .queryParam("filename", page.getFileName().toString()).queryParam("dryRun", "true")
                .when().post("/api/v1/imports").then().statusCode(200)
                .extract().as(DryRunArticles.class).articles;
            expected.addAll(List.of(articles));
            Response report = importPage(page, bytes, "text/plain; charset=UTF-8");
            report.then().statusCode(200)
                .body("read", equalTo(articles.length))
                .body("failed", equalTo(0))
                .body("errors.size()", equalTo(0));
            int indexed = report.path("indexed");
            int unchanged = report.path("unchanged");
            assertEquals(articles.length, indexed + unchanged);
        }
        assertEquals(27, expected.size(), "27 articles on the five seed pages");

        for (Article article : expected) {
            // photo news may have no title: then its caption's opening words are what a journalist remembers
            String field = article.title() != null ? "title" : "body";
            String words = article.title() != null ? article.title() : article.body().substring(0, 30);
            SearchResponse<Article> found = client.search(s -> s.index(TestIndex.ALIAS)
                .query(q -> q.match(m -> m.field(field).query(words))), Article.class);
            List<String> ids = found.hits().hits().stream().map(Hit::id).toList();
            assertEquals(article.id(), ids.get(0), "searching " + field + " for '" + words + "' finds it first: " + ids);
            Article stored = given().when().get("/api/v1/articles/" + article.id()).then().statusCode(200)
                .extract().as(Article.class);
            assertEquals(article.body(), stored.body());
            assertEquals(article.bylines(), stored.bylines());
            assertEquals(article.publishedOn(), stored.publishedOn());
        }
        SearchResponse<Article> newEnergy = client.search(s -> s.index(TestIndex.ALIAS)
            .query(q -> q.bool(b -> b.filter(f -> f.term(t -> t.field("counties").value("木垒哈萨克自治县")))
                .must(m -> m.match(mm -> mm.field("body").query("新能源产业"))))), Article.class);
        assertTrue(newEnergy.hits().total().value() >= 1, "facet filter and IK match work together");
    }

    @Test
    void importingTheSamePageAgainChangesNothingEvenInAnotherCharset() throws IOException {
        Path page = seeds().get(1);
        String text = Files.readString(page, StandardCharsets.UTF_8);
        Response first = importPage(page, text.getBytes(StandardCharsets.UTF_8), "text/plain");
        first.then().statusCode(200).body("failed", equalTo(0));
        int read = first.path("read");
        long before = client.count(c -> c.index(TestIndex.ALIAS)).count();

        // the same page as GB18030 bytes, no charset declared: detected, and the same articles
        importPage(page, text.getBytes(Charset.forName("GB18030")), "text/plain").then().statusCode(200)
            .body("read", equalTo(read))
            .body("indexed", equalTo(0))
            .body("unchanged", equalTo(read));
        assertEquals(before, client.count(c -> c.index(TestIndex.ALIAS)).count());
    }

    @Test
    void dryRunIndexesNothingAndItsAnswerCanBePostedBack() throws IOException {
        String ndjson = "{\"title\":\"干跑测试专用标题\",\"body\":\"这篇文章只用于干跑测试。\"}\n";
        given().contentType("application/x-ndjson").body(ndjson.getBytes(StandardCharsets.UTF_8))
            .queryParam("filename", "dry.ndjson").queryParam("dryRun", "true")
            .when().post("/api/v1/imports")
            .then().statusCode(200).body("articles[0].title", equalTo("干跑测试专用标题"));
        assertEquals(0, client.count(c -> c.index(TestIndex.ALIAS).query(q -> q.matchPhrase(m -> m.field("title.exact")
            .query("干跑测试专用标题")))).count());

        String answer = given().contentType("application/x-ndjson").body(ndjson.getBytes(StandardCharsets.UTF_8))
            .queryParam("dryRun", "true").when().post("/api/v1/imports").then().extract().asString();
        given().contentType(ContentType.JSON).body(answer.getBytes(StandardCharsets.UTF_8))
            .when().post("/api/v1/articles")
            .then().statusCode(200).body("read", equalTo(1)).body("failed", equalTo(0));
        assertEquals(1, client.count(c -> c.index(TestIndex.ALIAS).query(q -> q.matchPhrase(m -> m.field("title.exact")
            .query("干跑测试专用标题")))).count());
    }

    @Test
    void webEditionPageImportsAsOneArticle() throws IOException {
        byte[] html;
        try (var in = getClass().getResourceAsStream("/html/news-20250417.html")) {
            html = in.readAllBytes();
        }
        given().contentType("text/html").body(html).queryParam("filename", "news-20250417.html")
            .when().post("/api/v1/imports")
            .then().statusCode(200).body("read", equalTo(1)).body("failed", equalTo(0)).body("format", equalTo("html"));
    }

    @Test
    void deleteRemovesTheArticleFromSearch() {
        String ndjson = "{\"title\":\"即将删除的测试文章\",\"body\":\"删除测试正文。\"}";
        given().contentType("application/x-ndjson").body(ndjson.getBytes(StandardCharsets.UTF_8))
            .when().post("/api/v1/articles").then().statusCode(200).body("indexed", equalTo(1));
        String id = given().contentType("application/x-ndjson").body(ndjson.getBytes(StandardCharsets.UTF_8))
            .queryParam("dryRun", "true").when().post("/api/v1/imports").then().extract().path("articles[0].id");

        given().when().delete("/api/v1/articles/" + id).then().statusCode(204);
        given().when().get("/api/v1/articles/" + id).then().statusCode(404)
            .contentType(cn.changji.archive.api.Problem.MEDIA_TYPE);
        given().when().delete("/api/v1/articles/" + id).then().statusCode(404)
            .body("detail", equalTo("No article with id '" + id + "'."));
    }

    /** The dry-run answer's articles. */
    static final class DryRunArticles {
        public Article[] articles;
        public Object errors;
        public String kind;
    }
}
