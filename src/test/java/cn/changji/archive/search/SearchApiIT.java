package cn.changji.archive.search;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import cn.changji.archive.api.Problem;
import cn.changji.archive.article.Article;
import cn.changji.archive.ingest.ArticleImporter;
import cn.changji.archive.testing.Http;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;

/** The search API on the seeded archive, in the real Elasticsearch with the real IK plugin. */
@QuarkusTest
@TestProfile(SeededArchive.class)
class SearchApiIT {

    @Inject
    ArticleImporter importer;

    private List<Article> seeds;

    @BeforeEach
    void seed() throws IOException {
        Http.asWriter();
        seeds = SeededArchive.importSeeds(importer);
    }

    private static JsonPath search(Map<String, ?> params) {
        return given().queryParams(params).when().get("/api/v1/articles/search")
            .then().statusCode(200).extract().jsonPath();
    }

    private static List<String> ids(JsonPath answer) {
        return answer.getList("hits.id", String.class);
    }

    @Test
    void mulaiNewEnergyRanksTheAllianceStoryInTheTopThree() {
        Article alliance = SeededArchive.titled(seeds, "打造“风光”全产业链新标杆 新疆首个新能源产业发展联盟成立");
        List<String> top = ids(search(Map.of("q", "木垒 新能源")));
        assertTrue(top.subList(0, Math.min(3, top.size())).contains(alliance.id()), top.toString());
    }

    @Test
    void academyMeetingRanksTheCasMeetingFirst() {
        Article meeting = SeededArchive.titled(seeds, "昌吉州与中科院举行科技合作座谈会");
        assertEquals(meeting.id(), ids(search(Map.of("q", "科学院 座谈会"))).get(0));
    }

    @Test
    void quotedPhraseReturnsOnlyArticlesWithThatExactString() {
        JsonPath answer = search(Map.of("q", "\"新能源产业发展联盟\"", "size", "100"));
        assertTrue(answer.getLong("total") >= 1);
        for (String id : ids(answer)) {
            Article article = given().when().get("/api/v1/articles/" + id).then().statusCode(200).extract().as(Article.class);
            String text = String.join(" ", String.valueOf(article.title()), String.valueOf(article.subtitle()),
                String.valueOf(article.kicker()), article.body());
            assertTrue(text.contains("新能源产业发展联盟"), article.title());
        }
        // the same words without quotes find more: IK matches them apart
        assertTrue(search(Map.of("q", "新能源 产业 发展 联盟")).getLong("total") > answer.getLong("total"));
    }

    @Test
    void excludedWordAndOr() {
        long energy = search(Map.of("q", "新能源")).getLong("total");
        long withoutMulei = search(Map.of("q", "新能源 -木垒")).getLong("total");
        assertTrue(withoutMulei < energy, energy + " vs " + withoutMulei);
        for (String id : ids(search(Map.of("q", "新能源 -木垒", "size", "100")))) {
            Article article = given().when().get("/api/v1/articles/" + id).then().extract().as(Article.class);
            assertFalse(article.body().contains("木垒"), article.title());
        }
        long either = search(Map.of("q", "面粉 OR 献血")).getLong("total");
        long flour = search(Map.of("q", "面粉")).getLong("total");
        long blood = search(Map.of("q", "献血")).getLong("total");
        assertTrue(either >= Math.max(flour, blood) && either <= flour + blood && flour > 0 && blood > 0);
        assertEquals(0, search(Map.of("q", "面粉 献血")).getLong("total"), "without OR both must match");
    }

    @Test
    void countyFilterLeavesTheCountyFacetMultiSelect() {
        JsonPath all = search(Map.of("q", "新能源"));
        Map<String, Integer> counties = facet(all, "county");
        assertTrue(counties.size() >= 2, "several counties to choose from: " + counties);

        JsonPath mulei = search(Map.of("q", "新能源", "county", "木垒哈萨克自治县"));
        assertEquals(counties.get("木垒哈萨克自治县").longValue(), mulei.getLong("total"));
        assertEquals(counties, facet(mulei, "county"), "the county facet ignores the county filter");
        mulei.getList("hits.counties", List.class).forEach(c -> assertTrue(c.contains("木垒哈萨克自治县")));
        long typesUnderFilter = facet(mulei, "type").values().stream().mapToLong(Integer::longValue).sum();
        assertEquals(mulei.getLong("total"), typesUnderFilter, "other facets count under the county filter");

        JsonPath two = given().queryParam("q", "新能源").queryParam("county", "木垒哈萨克自治县", "昌吉国家高新技术产业开发区")
            .when().get("/api/v1/articles/search").then().statusCode(200).extract().jsonPath();
        assertTrue(two.getLong("total") > mulei.getLong("total"), "values of one facet combine with OR");
    }

    @Test
    void organisationsAreAFacetAFilterAndSuggestions() {
        JsonPath all = search(Map.of("size", "50"));
        Map<String, Integer> organisations = facet(all, "organization");
        assertTrue(organisations.containsKey("特变电工"), "the CAS meeting names TBEA: " + organisations);
        JsonPath tbea = search(Map.of("organization", "特变电工"));
        assertEquals(organisations.get("特变电工").longValue(), tbea.getLong("total"));
        tbea.getList("hits.organizations", List.class).forEach(o -> assertTrue(o.contains("特变电工"), o.toString()));
        assertEquals(organisations, facet(tbea, "organization"), "multi-select like the other facets");
        String id = ids(tbea).get(0);
        given().when().get("/api/v1/articles/" + id).then().statusCode(200).body("organizations", hasItem("特变电工"));
        given().queryParam("q", "特变").when().get("/api/v1/suggest").then().statusCode(200)
            .body("suggestions", hasItem("特变电工"));
    }

    private static Map<String, Integer> facet(JsonPath answer, String facet) {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        List<Map<String, Object>> values = answer.getList("facets." + facet);
        values.forEach(v -> counts.put((String) v.get("value"), ((Number) v.get("count")).intValue()));
        return counts;
    }

    @Test
    void dateRangeMonthFacetAndSorting() {
        JsonPath april = search(Map.of("from", "2025-04-01", "to", "2025-04-30", "size", "50"));
        assertEquals(7, april.getLong("total"), "the seven articles of the 2025-04-16 issue");
        april.getList("hits.publishedOn", String.class).forEach(d -> assertEquals("2025-04-16", d));
        april.getList("hits.snippet", String.class).forEach(s -> assertFalse(s.isBlank(), "without a query: the opening"));
        Map<String, Integer> months = facet(april, "month");
        assertEquals(7, months.get("2025-04"));
        assertEquals(5, months.get("2024-01"), "the month facet ignores the date filter");

        List<String> newest = search(Map.of("sort", "newest", "size", "100")).getList("hits.publishedOn", String.class);
        List<String> dated = newest.stream().filter(d -> d != null).toList();
        assertEquals(dated, dated.stream().sorted(java.util.Comparator.reverseOrder()).toList());
        assertNull(newest.get(newest.size() - 1), "undated articles come last");
        List<String> oldest = search(Map.of("sort", "oldest", "size", "1")).getList("hits.publishedOn", String.class);
        assertEquals("2024-01-30", oldest.get(0));
        assertNull(search(Map.of("sort", "newest")).getList("hits.score").get(0), "no score when sorted by date");
    }

    @Test
    void cursorPagingReturnsEveryHitExactlyOnceEvenWhileIndexing() {
        long total = search(Map.of("size", "1")).getLong("total");
        List<String> seen = new ArrayList<>();
        String cursor = "*";
        int pages = 0;
        while (cursor != null) {
            JsonPath page = search(Map.of("size", "4", "cursor", cursor));
            assertEquals(total, page.getLong("total"), "every page of the walk counts the view it reads");
            if (pages == 0) {
                assertFalse(page.getList("facets.type").isEmpty(), "the first page counts the facets");
            } else {
                assertNull(page.get("facets"), "later pages leave the facets of the first page as they are");
            }
            seen.addAll(ids(page));
            cursor = page.getString("nextCursor");
            if (pages++ == 1) {
                // indexed during the walk: the walk reads a fixed view and neither repeats nor skips because of it
                String ndjson = "{\"title\":\"游标翻页期间新写入的文章\",\"body\":\"游标测试正文。\"}";
                given().contentType("application/x-ndjson").body(ndjson.getBytes(StandardCharsets.UTF_8))
                    .when().post("/api/v1/articles").then().statusCode(200);
            }
        }
        Set<String> unique = new HashSet<>(seen);
        assertEquals(seen.size(), unique.size(), "no hit twice");
        assertEquals(total, seen.size(), "every hit once");
    }

    @Test
    void pagesDoNotOverlap() {
        List<String> first = ids(search(Map.of("size", "5", "page", "1")));
        List<String> second = ids(search(Map.of("size", "5", "page", "2")));
        assertEquals(5, first.size());
        assertTrue(second.stream().noneMatch(first::contains));
    }

    @Test
    void snippetsMarkMatchesAndAreHtmlSafe() {
        JsonPath answer = search(Map.of("q", "煤矿安全"));
        String snippet = answer.getString("hits[0].snippet");
        assertTrue(snippet.contains("<em>"), snippet);
        String ndjson = "{\"title\":\"转义测试\",\"body\":\"正文里有<script>alert(1)</script>和转义测试标记。\"}";
        given().contentType("application/x-ndjson").body(ndjson.getBytes(StandardCharsets.UTF_8))
            .when().post("/api/v1/articles").then().statusCode(200);
        String escaped = search(Map.of("q", "转义测试")).getString("hits[0].snippet");
        assertTrue(escaped.contains("&lt;script&gt;"), escaped);
        assertFalse(escaped.replace("<em>", "").replace("</em>", "").contains("<"), escaped);
    }

    @Test
    void synonymsApplyAtQueryTimeAndEditorsReplaceThem() {
        String original = given().when().get("/api/v1/synonyms").then().statusCode(200).extract().asString();
        assertTrue(original.contains("中科院 = 中国科学院"));
        // "中国科学院" alone: the CAS meeting says 中科院 in its title and 中国科学院 in its body; the academy
        // article says only 中国环境科学研究院. A made-up synonym shows the list is applied as it stands.
        long before = search(Map.of("q", "面粉")).getLong("total");
        try {
            given().contentType("text/plain; charset=UTF-8").body("面粉 = 献血\n".getBytes(StandardCharsets.UTF_8))
                .when().put("/api/v1/synonyms").then().statusCode(200);
            assertTrue(search(Map.of("q", "面粉")).getLong("total") > before, "now 献血 articles match too");
            given().contentType("text/plain; charset=UTF-8").body("好 = 行\n只有一个\n".getBytes(StandardCharsets.UTF_8))
                .when().put("/api/v1/synonyms").then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("detail", containsString("line 2"));
            assertTrue(given().when().get("/api/v1/synonyms").then().extract().asString().contains("面粉 = 献血"),
                "a refused list changes nothing");
        } finally {
            given().contentType("text/plain; charset=UTF-8").body(original.getBytes(StandardCharsets.UTF_8))
                .when().put("/api/v1/synonyms").then().statusCode(200);
        }
        assertEquals(before, search(Map.of("q", "面粉")).getLong("total"));
        Article meeting = SeededArchive.titled(seeds, "昌吉州与中科院举行科技合作座谈会");
        assertTrue(ids(search(Map.of("q", "中国科学院 座谈会"))).contains(meeting.id()));
    }

    @Test
    void aPhraseRunningFromChineseIntoNumbersFindsItsArticle() {
        Article funding = SeededArchive.titled(seeds, "2023年昌吉州研究与试验发展经费投入15.68亿元");
        for (String q : List.of("\"投入15.68亿元\"", "\"2023年昌吉州\"", "经费投入15.68亿元")) {
            assertTrue(ids(search(Map.of("q", q))).contains(funding.id()), q);
        }
    }

    @Test
    void relatedArticlesNeverIncludeTheArticleItself() {
        Article safety = SeededArchive.titled(seeds, "昌吉州拉紧煤矿安全生产“高压线”");
        // no vectors in this archive (the test profile computes none): related by words
        JsonPath related = given().when().get("/api/v1/articles/" + safety.id() + "/related")
            .then().statusCode(200).header("X-Related-By", "words").extract().jsonPath();
        List<String> ids = related.getList("id", String.class);
        assertFalse(ids.isEmpty());
        assertFalse(ids.contains(safety.id()));
        given().when().get("/api/v1/articles/nope/related").then().statusCode(404).contentType(Problem.MEDIA_TYPE);
    }

    @Test
    void suggestionsCompleteTitlesNamesAndPlaces() {
        given().queryParam("q", "昌吉州与").when().get("/api/v1/suggest")
            .then().statusCode(200).body("suggestions", hasItem("昌吉州与中科院举行科技合作座谈会"));
        given().queryParam("q", "刘").when().get("/api/v1/suggest")
            .then().statusCode(200).body("suggestions", hasItem("刘茜"));
        given().queryParam("q", "木垒").when().get("/api/v1/suggest")
            .then().statusCode(200).body("suggestions", hasItem("木垒哈萨克自治县"));
        given().when().get("/api/v1/suggest").then().statusCode(400).contentType(Problem.MEDIA_TYPE);
    }

    @Test
    void everyBadParameterGetsAProblemReport() {
        Map<String, Map<String, String>> bad = Map.of(
            "size over 100", Map.of("size", "101"),
            "past 10,000 hits", Map.of("page", "1001", "size", "10"),
            "bad date", Map.of("from", "2025-13-01"),
            "reversed dates", Map.of("from", "2025-05-01", "to", "2025-04-01"),
            "unknown sort", Map.of("sort", "popular"),
            "query too long", Map.of("q", "新".repeat(501)),
            "malformed cursor", Map.of("cursor", "not-a-cursor"));
        bad.forEach((what, params) -> given().queryParams(params).when().get("/api/v1/articles/search")
            .then().statusCode(400).contentType(Problem.MEDIA_TYPE)
            .body("status", equalTo(400)).body("title", equalTo("Bad Request")).body("detail", not(equalTo(null))));
        given().queryParams(Map.of("page", "1001", "size", "10")).when().get("/api/v1/articles/search")
            .then().body("detail", containsString("cursor=*"));
        given().when().get("/api/v1/articles/no-such-article").then().statusCode(404).contentType(Problem.MEDIA_TYPE)
            .body("detail", equalTo("No article with id 'no-such-article'."));
    }

    @Test
    void corsLetsAConfiguredFrontendIn() {
        String origin = given().header("Origin", "http://localhost:5173").queryParam("q", "新能源")
            .when().get("/api/v1/articles/search").then().statusCode(200).extract().header("Access-Control-Allow-Origin");
        assertNotNull(origin);
        assertEquals("http://localhost:5173", origin);
    }
}
