package cn.changji.archive.search;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import cn.changji.archive.api.Problem;
import cn.changji.archive.ingest.ArticleImporter;
import cn.changji.archive.testing.TestIndex;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;

/**
 * Abusive and malformed reads: each gets an answer (200, or a 4xx problem report saying what is wrong), never a
 * 5xx, and the index is the same afterwards (count and a checksum of every id).
 */
@QuarkusTest
@TestProfile(SeededArchive.class)
class HostileQueriesIT {

    @Inject
    ArticleImporter importer;

    @Inject
    ElasticsearchClient client;

    @BeforeEach
    void seed() throws IOException {
        SeededArchive.importSeeds(importer);
    }

    /** A query: its parameters, each possibly repeated. */
    private record Query(String label, Map<String, List<String>> params) {}

    private static Query query(String label, String... nameValues) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            params.computeIfAbsent(nameValues[i], n -> new ArrayList<>()).add(nameValues[i + 1]);
        }
        return new Query(label, params);
    }

    private static Query repeated(String label, String name, int times, boolean distinct) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            values.add(distinct ? "x" + i : "x");
        }
        return new Query(label, Map.of(name, values));
    }

    private static String cursor(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    static List<Query> hostile() {
        return List.of(
            query("from as an offset", "from", "10000"),
            query("huge size", "size", "1000000"),
            query("negative page", "page", "-1"),
            query("page past the window", "page", "100000"),
            query("query_string syntax", "q", "title:新能源 AND body:[* TO *] OR _exists_:id^99 ~2"),
            query("regex metacharacters", "q", ".*[\\d]+(?i)^$|\\ /a.*b/ ?*"),
            query("5,000-character query", "q", "新能源".repeat(1667)),
            query("control characters, emoji, RTL marks", "q", "\u0000\u0007新能源\u202E\u200F😀\uFFFF"),
            query("lone surrogate", "q", "\uD800新"),
            query("unbalanced quote", "q", "\"新能源 产业"),
            query("only operators", "q", "OR - \"\" OR"),
            query("unknown facet values", "county", "火星县", "industry", "<script>alert(1)</script>", "type", "../../etc/passwd"),
            repeated("3,000 repeats of one county", "county", 3000, false),
            repeated("500 different authors", "author", 500, true),
            query("year 9999", "from", "9999-12-31"),
            query("year beyond Elasticsearch", "to", "+999999999-12-31"),
            query("sort injection", "sort", "_score;desc"),
            query("cursor that is not base64", "cursor", "%%%"),
            query("cursor of forged JSON", "cursor", cursor("{\"pit\":\"AAAA\",\"after\":[1,2,3],\"total\":5}")),
            query("cursor of wrong types", "cursor", cursor("{\"pit\":{\"a\":1},\"after\":\"x\",\"total\":\"y\"}")),
            query("cursor with a huge total", "cursor", cursor("{\"pit\":\"AAAA\",\"after\":[],\"total\":1e308}")),
            query("size zero", "size", "0"));
    }

    @Test
    void everyHostileQueryGetsAnAnswerAndNoneAServerError() throws Exception {
        String before = indexFingerprint();
        List<String> failures = new ArrayList<>();
        for (Query query : hostile()) {
            RequestSpecification request = given().urlEncodingEnabled(true);
            query.params().forEach((name, values) -> request.queryParam(name, values));
            Response response = request.when().get("/api/v1/articles/search");
            int status = response.statusCode();
            if (status >= 500 || (status != 200 && status / 100 != 4)) {
                failures.add(query.label() + " -> " + status + " " + response.asString());
            } else if (status != 200 && (!response.contentType().startsWith(Problem.MEDIA_TYPE)
                || response.jsonPath().getString("detail").isBlank())) {
                failures.add(query.label() + " -> " + status + " without a problem report: " + response.asString());
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        assertEquals(before, indexFingerprint(), "the index is unchanged");
    }

    @Test
    void hostileReadsOfSuggestionsAndArticlesGetProblemReports() {
        given().queryParam("q", "新".repeat(5000)).when().get("/api/v1/suggest").then().statusCode(400)
            .contentType(Problem.MEDIA_TYPE);
        given().queryParam("q", "\u0000😀").when().get("/api/v1/suggest").then().statusCode(200);
        given().when().get("/api/v1/articles/..%2F..%2Fetc%2Fpasswd").then().statusCode(404).contentType(Problem.MEDIA_TYPE);
        given().when().get("/api/v1/articles/no-such-article/related").then().statusCode(404).contentType(Problem.MEDIA_TYPE);
    }

    @Test
    void tooManyDifferentFilterValuesAreRefusedWithTheReason() {
        RequestSpecification request = given();
        List<String> authors = new ArrayList<>();
        for (int i = 0; i <= SearchParams.MAX_FILTER_VALUES; i++) {
            authors.add("作者" + i);
        }
        request.queryParam("author", authors).when().get("/api/v1/articles/search").then().statusCode(400)
            .contentType(Problem.MEDIA_TYPE);
        assertFalse(given().queryParam("author", authors.subList(0, SearchParams.MAX_FILTER_VALUES))
            .when().get("/api/v1/articles/search").then().statusCode(200).extract().jsonPath().getList("hits").size() > 0);
    }

    /** The number of articles and a hash of all their ids, read from Elasticsearch directly. */
    private String indexFingerprint() throws Exception {
        String fingerprint = TestIndex.fingerprint(client, SeededArchive.ALIAS);
        assertFalse(fingerprint.startsWith("0:"), "the seeded archive is there: " + fingerprint);
        return fingerprint;
    }
}
