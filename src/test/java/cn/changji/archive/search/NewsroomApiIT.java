package cn.changji.archive.search;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;

import cn.changji.archive.api.Problem;
import cn.changji.archive.article.Article;
import cn.changji.archive.ingest.ArticleImporter;
import cn.changji.archive.testing.Http;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;

/** Browsing by issue, exporting a result set and following a search as a feed, on the seeded archive. */
@QuarkusTest
@TestProfile(SeededArchive.class)
class NewsroomApiIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ArticleImporter importer;

    private List<Article> seeds;

    @BeforeEach
    void seed() throws IOException {
        Http.asReader();
        seeds = SeededArchive.importSeeds(importer);
    }

    private List<Article> seedsOf(LocalDate day) {
        return seeds.stream().filter(a -> day.equals(a.publishedOn()))
            .sorted(Comparator.comparing((Article a) -> a.page(), Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(a -> a.source().file()).thenComparing(a -> a.source().position()))
            .toList();
    }

    @Test
    void theCalendarListsEveryDayWithArticlesAndTheYearsOfTheArchive() {
        LocalDate day = LocalDate.of(2025, 4, 16);
        JsonPath calendar = given().queryParam("year", "2025").get("/api/v1/issues").then().statusCode(200).extract().jsonPath();
        assertEquals(2025, calendar.getInt("year"));
        List<Map<String, Object>> days = calendar.getList("issues");
        Map<String, Object> april16 = days.stream().filter(d -> d.get("date").equals(day.toString())).findFirst()
            .orElseThrow(() -> new AssertionError("2025-04-16 missing from " + days));
        assertEquals(seedsOf(day).size(), ((Number) april16.get("articles")).intValue());
        assertEquals(12234, ((Number) april16.get("issueNumber")).intValue());
        List<String> dates = days.stream().map(d -> (String) d.get("date")).toList();
        assertEquals(dates.stream().sorted().toList(), dates, "days in order");
        assertTrue(dates.stream().allMatch(d -> d.startsWith("2025-")), "only the year asked: " + dates);
        List<Integer> years = calendar.getList("years.year", Integer.class);
        assertTrue(years.contains(2024) && years.contains(2025), "the seeds span 2024 and 2025: " + years);
        assertEquals(years.stream().max(Integer::compare).orElseThrow(),
            given().get("/api/v1/issues").then().statusCode(200).extract().jsonPath().getInt("year"), "no year: the newest");
    }

    @Test
    void aDaysIssueListsItsPagesInOrderAndEachPagesArticlesAsPrinted() {
        for (LocalDate day : seeds.stream().map(Article::publishedOn).filter(Objects::nonNull).distinct().toList()) {
            JsonPath issue = given().get("/api/v1/issues/" + day).then().statusCode(200).extract().jsonPath();
            List<Article> expected = seedsOf(day);
            assertEquals(expected.stream().map(Article::id).toList(), issue.getList("pages.articles.flatten().id"), day.toString());
            List<Integer> pages = issue.getList("pages.page", Integer.class);
            assertEquals(pages.stream().distinct().toList(), pages, "each page once");
            assertEquals(expected.stream().map(Article::page).distinct().toList(), pages);
            assertEquals(expected.get(0).title(), issue.getString("pages[0].articles[0].title"));
        }
        given().get("/api/v1/issues/1999-01-01").then().statusCode(404).contentType(Problem.MEDIA_TYPE)
            .body("detail", containsString("1999-01-01"));
        given().get("/api/v1/issues/2025-02-30").then().statusCode(400).contentType(Problem.MEDIA_TYPE);
        given().queryParam("year", "twenty").get("/api/v1/issues").then().statusCode(400).contentType(Problem.MEDIA_TYPE)
            .body("detail", containsString("year"));
    }

    @Test
    void anExportGivesEveryHitOfTheSearchAsASpreadsheetOrAsArticles() throws IOException {
        // an export walks the hits as a cursor walk does, in a walk's order
        JsonPath found = given().queryParam("q", "新能源").queryParam("size", "100").queryParam("cursor", "*")
            .get("/api/v1/articles/search").then().statusCode(200).extract().jsonPath();
        Response csv = given().queryParam("q", "新能源").get("/api/v1/articles/export");
        assertEquals(200, csv.statusCode(), csv.asString());
        assertTrue(csv.contentType().startsWith("text/csv"), csv.contentType());
        String disposition = csv.header("Content-Disposition");
        assertTrue(disposition.startsWith("attachment;") && disposition.contains("filename*=UTF-8''%E6%98%8C%E5%90%89%E6%97%A5%E6%8A%A5-"
            + "%E6%96%B0%E8%83%BD%E6%BA%90-"), disposition);
        String text = new String(csv.asByteArray(), StandardCharsets.UTF_8);
        assertTrue(text.startsWith("\uFEFF日期 date,"), "UTF-8 with BOM and the header row");
        String[] lines = text.split("\r\n");
        assertEquals(found.getInt("total") + 1, lines.length, "a row per hit below the header");
        assertEquals(String.valueOf(found.getInt("total")), csv.header("X-Total-Count"));
        List<String> ids = found.getList("hits.id");
        for (int i = 0; i < ids.size(); i++) {
            assertTrue(lines[i + 1].endsWith("/?id=" + ids.get(i)), "the walk's order: " + lines[i + 1]);
        }

        Response ndjson = given().queryParam("q", "新能源").queryParam("format", "ndjson").get("/api/v1/articles/export");
        assertEquals(200, ndjson.statusCode());
        String[] articles = ndjson.asString().split("\n");
        assertEquals(found.getInt("total"), articles.length);
        JsonNode first = JSON.readTree(articles[0]);
        assertEquals(ids.get(0), first.path("id").asText());
        assertFalse(first.path("body").asText().isEmpty(), "articles in full");
        assertTrue(first.has("organizations") && !first.has("contentHash"), first.toString());

        given().queryParam("format", "xlsx").get("/api/v1/articles/export").then().statusCode(400)
            .contentType(Problem.MEDIA_TYPE).body("detail", containsString("format"));
    }

    @Test
    void aFeedOfASearchIsAtomThatAFeedReaderReadsNewestFirst() throws Exception {
        Response answer = given().queryParam("q", "新能源").get("/api/v1/articles/feed");
        assertEquals(200, answer.statusCode(), answer.asString());
        assertTrue(answer.contentType().startsWith("application/atom+xml"), answer.contentType());
        SyndFeed feed = new SyndFeedInput().build(new XmlReader(new ByteArrayInputStream(answer.asByteArray())));
        assertEquals("atom_1.0", feed.getFeedType());
        assertTrue(feed.getTitle().contains("新能源"), feed.getTitle());
        List<String> newest = given().queryParam("q", "新能源").queryParam("sort", "newest").queryParam("size", "50")
            .get("/api/v1/articles/search").then().statusCode(200).extract().jsonPath().getList("hits.id");
        assertEquals(newest.stream().map(id -> "urn:changji-archive:article:" + id).toList(),
            feed.getEntries().stream().map(SyndEntry::getUri).toList());
        SyndEntry first = feed.getEntries().get(0);
        assertTrue(first.getLink().endsWith("/?id=" + newest.get(0)), first.getLink());
        assertTrue(first.getDescription().getValue().contains("<em>"), "the snippet marks the matches");
        String again = new SyndFeedInput().build(new XmlReader(new ByteArrayInputStream(given().queryParam("q", "新能源")
            .get("/api/v1/articles/feed").asByteArray()))).getUri();
        assertEquals(feed.getUri(), again, "the same search, the same feed id");
    }
}
