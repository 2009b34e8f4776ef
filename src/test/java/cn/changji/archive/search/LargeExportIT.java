package cn.changji.archive.search;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import cn.changji.archive.api.Problem;
import cn.changji.archive.testing.Http;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * An export of 10,000 hits streams: the rows leave as they are read, in batches of archive.export.batch-size (500
 * here), never the whole set at once; one hit more than archive.export.max-rows is refused before a row is written.
 */
@QuarkusTest
@TestProfile(LargeExportIT.Profile.class)
class LargeExportIT {
    private static final int ARTICLES = 10_000;
    private static final int BATCH = 500;
    private static final Pattern MAX_BATCH = Pattern.compile("(?m)^archive_export_rows_max(?:\\{[^}]*\\})? ([0-9.E]+)$");

    public static final class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("archive.index.alias", "exporttest", "archive.export.max-rows", String.valueOf(ARTICLES),
                "archive.export.batch-size", String.valueOf(BATCH), "archive.rate-limit.per-second", "0");
        }
    }

    private static void index(int from, int to) {
        StringBuilder ndjson = new StringBuilder();
        for (int i = from; i < to; i++) {
            ndjson.append("{\"id\":\"export-").append(i).append("\",\"title\":\"导出测试文章第").append(i)
                .append("篇\",\"body\":\"导出测试的正文，第").append(i).append("篇。\",\"publishedOn\":\"")
                .append(LocalDate.of(2020, 1, 1).plusDays(i % 2000)).append("\"}\n");
        }
        Http.asWriter();
        given().contentType("application/x-ndjson").body(ndjson.toString().getBytes(StandardCharsets.UTF_8))
            .post("/api/v1/articles").then().statusCode(200);
        Http.asReader();
    }

    @Test
    void tenThousandHitsStreamBatchByBatchAndOneMoreThanTheLimitIsRefused() throws IOException {
        for (int start = 0; start < ARTICLES; start += 2_000) {
            index(start, start + 2_000);
        }
        Response export = given().queryParam("q", "导出测试").queryParam("sort", "oldest").get("/api/v1/articles/export");
        assertEquals(200, export.statusCode());
        assertNull(export.header("Content-Length"), "streamed, not sized up front");
        assertEquals("chunked", export.header("Transfer-Encoding"));
        List<String[]> rows = rows(export);
        Set<String> permalinks = new HashSet<>();
        String previousDate = "";
        for (String[] cells : rows) {
            assertTrue(cells[0].compareTo(previousDate) >= 0, "oldest first: " + cells[0] + " after " + previousDate);
            previousDate = cells[0];
            permalinks.add(cells[cells.length - 1]);
        }
        assertEquals(ARTICLES, rows.size());
        assertEquals(ARTICLES, permalinks.size(), "every hit once");

        // by relevance too: batch after batch continues the walk's total order, never a page's
        List<String[]> relevanceRows = rows(given().queryParam("q", "导出测试").get("/api/v1/articles/export"));
        Set<String> byRelevance = new HashSet<>();
        relevanceRows.forEach(cells -> byRelevance.add(cells[cells.length - 1]));
        assertEquals(ARTICLES, relevanceRows.size());
        assertEquals(permalinks, byRelevance, "by relevance, every hit once");

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher largest = MAX_BATCH.matcher(metrics);
        assertTrue(largest.find(), "archive_export_rows_max in /q/metrics");
        assertTrue(Double.parseDouble(largest.group(1)) <= BATCH, "at most one batch held at a time: " + largest.group(1));

        index(ARTICLES, ARTICLES + 1);
        given().queryParam("q", "导出测试").get("/api/v1/articles/export").then().statusCode(400)
            .contentType(Problem.MEDIA_TYPE).body("detail", containsString("more than " + ARTICLES + " hits"));
    }

    /** The CSV rows below the header, read as they stream in, split into cells. */
    private static List<String[]> rows(Response export) throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (InputStream in = export.asInputStream();
             BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            lines.readLine(); // the header
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                rows.add(line.split(","));
            }
        }
        return rows;
    }
}
