package cn.changji.archive.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import cn.changji.archive.testing.ApiContract;
import cn.changji.archive.testing.Http;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The OpenAPI document is the contract: every operation is called with good and bad input, every real answer is
 * validated against the served document (status, content type, body, required headers), and every status the
 * document promises (but the read limit's 429 and Elasticsearch's 503, reached in {@link ApiContractUnderFailureIT})
 * is reached at least once.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApiContractIT {
    private static final String SEARCH = "/api/v1/articles/search";
    private static final String ARTICLE = "/api/v1/articles/{id}";
    private static final String RELATED = "/api/v1/articles/{id}/related";
    private static final String ARTICLES = "/api/v1/articles";
    private static final String IMPORTS = "/api/v1/imports";
    private static final String SUGGEST = "/api/v1/suggest";
    private static final String SYNONYMS = "/api/v1/synonyms";
    private static final String EXPORT = "/api/v1/articles/export";
    private static final String FEED = "/api/v1/articles/feed";
    private static final String ISSUES = "/api/v1/issues";
    private static final String ISSUE = "/api/v1/issues/{date}";
    private static final String VECTORS = "/api/v1/vectors";

    private static ApiContract contract;
    private static String seedId;

    /** Once, before the first test: REST Assured knows the service's port only once it runs. */
    @BeforeEach
    void readTheDocumentAndSeed() throws Exception {
        Http.asReader();
        if (contract != null) {
            return;
        }
        contract = ApiContract.served();
        Path page = Path.of("seeds/000_723f68d5f9b4961e.txt");
        Response imported = contract.check("post", IMPORTS, writer().contentType("text/plain; charset=UTF-8")
            .body(Files.readAllBytes(page)).queryParam("filename", page.getFileName().toString()).post(IMPORTS));
        assertEquals(200, imported.statusCode(), imported.asString());
        seedId = given().queryParam("q", "新能源").get(SEARCH).then().statusCode(200).extract().path("hits[0].id");
        assertNotNull(seedId);
    }

    @AfterAll
    static void everyDocumentedStatusWasReached() {
        Set<String> expected = contract.documented(status -> !status.equals("429") && !status.equals("503"));
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(contract.covered());
        assertTrue(missing.isEmpty(), "documented but never answered in these calls: " + missing);
    }

    private static RequestSpecification writer() {
        return given().header("X-API-Key", Http.WRITE_KEY);
    }

    @Test
    @Order(1)
    void everyExampleInTheDocumentValidatesAgainstItsSchema() {
        assertTrue(contract.invalidExamples().isEmpty(), "examples that break their schema: " + contract.invalidExamples());
        assertTrue(contract.document().path("info").path("version").asText().matches("\\d+\\.\\d+\\.\\d+.*"),
            "the build sets the version: " + contract.document().path("info"));
    }

    @Test
    @Order(2)
    void searchesAnswerAsDocumented() {
        Response found = contract.check("get", SEARCH, given().queryParam("q", "新能源").queryParam("county", "木垒哈萨克自治县")
            .queryParam("size", "2").get(SEARCH));
        assertEquals(200, found.statusCode());
        assertTrue(found.header("Cache-Control").contains("max-age="), "searches may be cached briefly");
        assertTrue(found.header("Vary").contains("Origin"));
        // plain searches take SearchRoute's short way, HEAD the resource's: the same headers either way
        Response traced = given().header("X-Request-Id", "trace-42").queryParam("q", "新能源").get(SEARCH);
        assertEquals("trace-42", traced.header("X-Request-Id"));
        Response head = given().queryParam("q", "新能源").head(SEARCH);
        assertEquals(200, head.statusCode());
        assertEquals(found.header("Cache-Control"), head.header("Cache-Control"));
        assertEquals(found.contentType(), head.contentType());
        assertTrue(head.header("X-Request-Id").matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"),
            head.header("X-Request-Id"));
        Response walk = contract.check("get", SEARCH, given().queryParam("q", "新能源").queryParam("cursor", "*")
            .queryParam("size", "1").get(SEARCH));
        assertEquals(200, walk.statusCode());
        Response nothing = contract.check("get", SEARCH, given().queryParam("q", "这个词不会出现在任何文章里面").get(SEARCH));
        assertEquals(0, nothing.jsonPath().getInt("total"));
        // by meaning: the same answer's form (this archive has no vectors: the words' hits alone)
        for (String mode : new String[] { "hybrid", "semantic" }) {
            Response meant = contract.check("get", SEARCH, given().queryParam("q", "新能源").queryParam("mode", mode).get(SEARCH));
            assertEquals(200, meant.statusCode(), mode + ": " + meant.asString());
        }
        for (String[] bad : new String[][] { { "size", "500" }, { "from", "2025-13-01" }, { "sort", "sideways" },
            { "cursor", "forged" }, { "page", "-1" }, { "mode", "telepathy" } }) {
            Response refused = contract.check("get", SEARCH, given().queryParam(bad[0], bad[1]).get(SEARCH));
            assertEquals(400, refused.statusCode(), bad[0] + "=" + bad[1] + ": " + refused.asString());
        }
        StringBuilder manyCounties = new StringBuilder();
        for (int i = 0; i < 101; i++) {
            manyCounties.append("&county=").append("县").append(i);
        }
        Response tooMany = contract.check("get", SEARCH, given().urlEncodingEnabled(true).get(SEARCH + "?q=新能源" + manyCounties));
        assertEquals(400, tooMany.statusCode());
        assertTrue(tooMany.jsonPath().getString("detail").contains("county"), tooMany.asString());
    }

    @Test
    @Order(3)
    void anArticleCarriesAnETagAndIsNotSentAgainWhenUnchanged() {
        Response article = contract.check("get", ARTICLE, given().get(ARTICLE, seedId));
        assertEquals(200, article.statusCode());
        String etag = article.header("ETag");
        assertNotNull(etag);
        assertTrue(article.header("Cache-Control").contains("must-revalidate"), article.header("Cache-Control"));
        Response unchanged = contract.check("get", ARTICLE, given().header("If-None-Match", etag).get(ARTICLE, seedId));
        assertEquals(304, unchanged.statusCode());
        assertEquals(etag, unchanged.header("ETag"));
        Response changed = contract.check("get", ARTICLE, given().header("If-None-Match", "\"something-else\"").get(ARTICLE, seedId));
        assertEquals(200, changed.statusCode());
        assertEquals(404, contract.check("get", ARTICLE, given().get(ARTICLE, "no-such-article")).statusCode());
    }

    @Test
    @Order(4)
    void relatedArticlesAndSuggestionsAnswerAsDocumented() {
        assertEquals(200, contract.check("get", RELATED, given().get(RELATED, seedId)).statusCode());
        assertEquals(400, contract.check("get", RELATED, given().queryParam("size", "50").get(RELATED, seedId)).statusCode());
        assertEquals(404, contract.check("get", RELATED, given().get(RELATED, "no-such-article")).statusCode());
        Response within = contract.check("get", RELATED, given().queryParam("within", "county,industry").get(RELATED, seedId));
        assertEquals(200, within.statusCode());
        assertEquals("words", within.header("X-Related-By"), "no vectors in this archive");
        assertEquals(400, contract.check("get", RELATED, given().queryParam("within", "mood").get(RELATED, seedId)).statusCode());
        Response vectors = contract.check("get", VECTORS, given().get(VECTORS));
        assertEquals(200, vectors.statusCode());
        assertEquals("disabled", vectors.jsonPath().getString("state"));
        Response suggestions = contract.check("get", SUGGEST, given().queryParam("q", "昌吉").get(SUGGEST));
        assertEquals(200, suggestions.statusCode());
        assertTrue(suggestions.header("Cache-Control").contains("max-age="));
        assertEquals(400, contract.check("get", SUGGEST, given().get(SUGGEST)).statusCode());
    }

    @Test
    @Order(4)
    void issuesExportsAndFeedsAnswerAsDocumented() {
        assertEquals(200, contract.check("get", ISSUES, given().queryParam("year", "2025").get(ISSUES)).statusCode());
        assertEquals(400, contract.check("get", ISSUES, given().queryParam("year", "0").get(ISSUES)).statusCode());
        assertEquals(200, contract.check("get", ISSUE, given().get(ISSUE, "2025-04-16")).statusCode());
        assertEquals(400, contract.check("get", ISSUE, given().get(ISSUE, "16.04.2025")).statusCode());
        assertEquals(404, contract.check("get", ISSUE, given().get(ISSUE, "1999-01-01")).statusCode());
        Response csv = contract.check("get", EXPORT, given().queryParam("q", "新能源").get(EXPORT));
        assertEquals(200, csv.statusCode());
        Response ndjson = contract.check("get", EXPORT, given().queryParam("format", "ndjson").accept("application/x-ndjson").get(EXPORT));
        assertEquals(200, ndjson.statusCode());
        assertEquals(400, contract.check("get", EXPORT, given().queryParam("format", "pdf").get(EXPORT)).statusCode());
        assertEquals(200, contract.check("get", FEED, given().queryParam("q", "新能源").get(FEED)).statusCode());
        assertEquals(400, contract.check("get", FEED, given().queryParam("from", "yesterday").get(FEED)).statusCode());
    }

    @Test
    @Order(5)
    void importsAnswerAReportOrADryRunAndRefuseBadFilesByName() {
        byte[] page = "标题一则\n本报讯 记者李明报道:昌吉市今天举行活动。".getBytes(StandardCharsets.UTF_8);
        Response report = contract.check("post", IMPORTS, writer().contentType("text/plain; charset=UTF-8").body(page).post(IMPORTS));
        assertEquals("report", report.jsonPath().getString("kind"));
        Response dryRun = contract.check("post", IMPORTS, writer().contentType("text/plain; charset=UTF-8").body(page)
            .queryParam("dryRun", "true").post(IMPORTS));
        assertEquals("dryRun", dryRun.jsonPath().getString("kind"));
        assertEquals(400, contract.check("post", IMPORTS, writer().contentType("text/plain").body(new byte[0]).post(IMPORTS)).statusCode());
        assertEquals(400, contract.check("post", IMPORTS, writer().contentType("text/plain").body(page)
            .queryParam("publishedOn", "yesterday").post(IMPORTS)).statusCode());
        assertEquals(413, contract.check("post", IMPORTS, writer().contentType("text/plain").body(new byte[2 * 1024 * 1024])
            .post(IMPORTS)).statusCode());
        assertEquals(415, contract.check("post", IMPORTS, writer().contentType("image/png").body(new byte[] { (byte) 0x89, 'P', 'N', 'G' })
            .post(IMPORTS)).statusCode());
        assertEquals(422, contract.check("post", IMPORTS, writer().contentType("application/json").body("[{\"publishedOn\": \"16/04\"}]")
            .post(IMPORTS)).statusCode());
        assertEquals(401, contract.check("post", IMPORTS, given().contentType("text/plain").body(page).post(IMPORTS)).statusCode());
        assertEquals(403, contract.check("post", IMPORTS, given().header("X-API-Key", "wrong").contentType("text/plain").body(page)
            .post(IMPORTS)).statusCode());
    }

    @Test
    @Order(6)
    void structuredArticlesAnswerAReportAndRefuseBadInput() {
        String article = "[{\"title\": \"契约测试的文章\", \"body\": \"奇台县举办活动。\", \"publishedOn\": \"2025-04-16\"}]";
        Response report = contract.check("post", ARTICLES, writer().contentType("application/json").body(article).post(ARTICLES));
        assertEquals(200, report.statusCode(), report.asString());
        assertEquals(400, contract.check("post", ARTICLES, writer().contentType("application/json")
            .body(new byte[] { '[', '{', '"', 't', 'i', 't', 'l', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}', ']' })
            .post(ARTICLES)).statusCode());
        assertEquals(415, contract.check("post", ARTICLES, writer().contentType("text/plain").body("标题").post(ARTICLES)).statusCode());
        assertEquals(422, contract.check("post", ARTICLES, writer().contentType("application/json").body("[{\"page\": -1}]")
            .post(ARTICLES)).statusCode());
        assertEquals(413, contract.check("post", ARTICLES, writer().contentType("application/json").body(new byte[2 * 1024 * 1024])
            .post(ARTICLES)).statusCode());
        assertEquals(401, contract.check("post", ARTICLES, given().contentType("application/json").body(article).post(ARTICLES)).statusCode());
        assertEquals(403, contract.check("post", ARTICLES, given().header("Authorization", "Bearer wrong")
            .contentType("application/json").body(article).post(ARTICLES)).statusCode());
    }

    @Test
    @Order(7)
    void synonymsAnswerAsDocumented() {
        String current = contract.check("get", SYNONYMS, given().get(SYNONYMS)).asString();
        assertEquals(200, contract.check("put", SYNONYMS, writer().contentType("text/plain; charset=UTF-8")
            .body(current.getBytes(StandardCharsets.UTF_8)).put(SYNONYMS)).statusCode());
        assertEquals(400, contract.check("put", SYNONYMS, writer().contentType("text/plain; charset=UTF-8")
            .body("只有一个词\n".getBytes(StandardCharsets.UTF_8)).put(SYNONYMS)).statusCode());
        assertEquals(413, contract.check("put", SYNONYMS, writer().contentType("text/plain")
            .body(new byte[2 * 1024 * 1024]).put(SYNONYMS)).statusCode());
        assertEquals(401, contract.check("put", SYNONYMS, given().contentType("text/plain").body(current).put(SYNONYMS)).statusCode());
        assertEquals(403, contract.check("put", SYNONYMS, given().header("X-API-Key", "wrong").contentType("text/plain")
            .body(current).put(SYNONYMS)).statusCode());
    }

    @Test
    @Order(8)
    void everyOperationAnswersOversizedRequestsAndUnacceptableTypesWithProblems() {
        String longQuery = "新".repeat(8_000); // 72 KB URL-encoded: over the 64 KB request line
        String bigHeader = "a".repeat(40_000);
        for (String[] operation : contract.operations()) {
            String path = operation[0].replace("{id}", seedId).replace("{date}", "2025-04-16");
            String method = operation[1];
            if (contract.operation(operation[0], method).path("responses").has("414")) {
                Response tooLong = contract.check(method, operation[0], given().queryParam("q", longQuery).request(method, path));
                assertEquals(414, tooLong.statusCode(), method + " " + path);
            }
            if (contract.operation(operation[0], method).path("responses").has("431")) {
                Response tooBig = contract.check(method, operation[0], given().header("X-Padding", bigHeader).request(method, path));
                assertEquals(431, tooBig.statusCode(), method + " " + path);
            }
            if (contract.operation(operation[0], method).path("responses").has("406")) {
                RequestSpecification request = method.equals("get") ? given() : writer().contentType("application/json").body("[]");
                Response unacceptable = contract.check(method, operation[0], request.accept("application/xml").request(method, path));
                assertEquals(406, unacceptable.statusCode(), method + " " + path + ": " + unacceptable.asString());
            }
        }
    }

    @Test
    @Order(9)
    void deletingAnswersAsDocumented() {
        String id = given().queryParam("q", "契约测试的文章").get(SEARCH).then().statusCode(200).extract().path("hits[0].id");
        assertEquals(401, contract.check("delete", ARTICLE, given().delete(ARTICLE, id)).statusCode());
        assertEquals(403, contract.check("delete", ARTICLE, given().header("X-API-Key", "wrong").delete(ARTICLE, id)).statusCode());
        assertEquals(204, contract.check("delete", ARTICLE, writer().delete(ARTICLE, id)).statusCode());
        assertEquals(404, contract.check("delete", ARTICLE, writer().delete(ARTICLE, id)).statusCode());
    }

    @Test
    @Order(10)
    void routesMethodsAndMediaTypesOutsideTheDocumentAreProblemsToo() {
        for (Response answer : new Response[] { given().get("/no/such/page"), given().get("/api/v1/nothing-here"),
            writer().contentType("application/json").body("{}").patch(SEARCH), writer().delete(SEARCH) }) {
            assertTrue(answer.statusCode() == 404 || answer.statusCode() == 405, answer.statusCode() + " " + answer.asString());
            assertTrue(answer.contentType().startsWith(Problem.MEDIA_TYPE), answer.contentType());
            assertEquals(answer.statusCode(), answer.jsonPath().getInt("status"));
        }
    }
}
