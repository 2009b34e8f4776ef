package cn.changji.archive.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The JSON a search sends Elasticsearch, pinned for representative searches (src/test/resources/search-requests):
 * a change in what is sent shows up here first, as a diff to review.
 */
class SearchRequestBodyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path PINNED = Path.of("src/test/resources/search-requests");
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final LocalDate ORIGIN = LocalDate.of(2026, 12, 2);

    private static SearchParams search(String q, List<String> counties, LocalDate from, LocalDate to, SearchParams.Sort sort,
                                       String cursor) {
        return SearchParams.of(UserQuery.parse(q), Map.of(Facet.COUNTY, counties), from, to, sort, null, null, cursor);
    }

    private static void assertPinned(String name, JsonNode sent) throws IOException {
        Path file = PINNED.resolve(name + ".json");
        String pretty = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(asWritten(sent)) + "\n";
        if (!Files.exists(file)) {
            Files.writeString(file, pretty, StandardCharsets.UTF_8);
            throw new AssertionError(file + " did not exist: written from what is sent now; review it and run again");
        }
        assertEquals(Files.readString(file, StandardCharsets.UTF_8), pretty, name + " changed");
    }

    /** The tree as Elasticsearch reads it: parts written once as JSON text (the facets' plain counts) read as nodes. */
    private static JsonNode asWritten(JsonNode sent) throws IOException {
        return JSON.readTree(JSON.writeValueAsString(sent));
    }

    @Test
    void aOneWordSearchSendsHitsAndFacetsAsPinned() throws IOException {
        SearchRequestBody body = SearchRequestBody.of(search("新能源", List.of(), null, null, SearchParams.Sort.RELEVANCE, null),
            Synonyms.NONE, TIMEOUT, ORIGIN);
        assertPinned("one-word-hits", body.hits());
        assertPinned("one-word-facets", body.facets());
    }

    @Test
    void theMsearchPayloadIsOneJsonPerLineTheHitsThenTheFacetsFromTheCache() throws IOException {
        SearchRequestBody body = SearchRequestBody.of(search("新能源", List.of(), null, null, SearchParams.Sort.RELEVANCE, null),
            Synonyms.NONE, TIMEOUT, ORIGIN);
        String ndjson = new String(body.msearch("articles"), StandardCharsets.UTF_8);
        assertTrue(ndjson.endsWith("\n"), "_msearch wants the last line ended too");
        String[] lines = ndjson.split("\n");
        assertEquals(4, lines.length);
        assertEquals("{\"index\":\"articles\"}", lines[0]);
        assertEquals(body.hits(), JSON.readTree(lines[1]));
        assertEquals("{\"index\":\"articles\",\"request_cache\":true}", lines[2]);
        assertEquals(asWritten(body.facets()), JSON.readTree(lines[3]));

        body.hits().putObject("pit").put("id", "p1");
        String[] walk = new String(new SearchRequestBody(body.hits(), null).msearch("articles"), StandardCharsets.UTF_8).split("\n");
        assertEquals(List.of("{}", body.hits().toString()), List.of(walk), "a walk's page reads its point in time, not the index");
    }

    @Test
    void aFilteredSearchWithPhraseExclusionAndSynonymsSendsAsPinned() throws IOException {
        Synonyms synonyms = Synonyms.parse("中科院 = 中国科学院\n");
        SearchRequestBody body = SearchRequestBody.of(search("木垒 中科院 -光伏 \"产业发展联盟\"", List.of("木垒哈萨克自治县"),
            LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31), SearchParams.Sort.NEWEST, null), synonyms, TIMEOUT, ORIGIN);
        assertPinned("filtered-hits", body.hits());
        assertPinned("filtered-facets", body.facets());
    }

    @Test
    void facetsAreAskedForInOneFixedOrderEachUnderTheOtherFacetsFilters() {
        SearchRequestBody body = SearchRequestBody.of(search("新能源", List.of("奇台县"), LocalDate.of(2025, 1, 1), null,
            SearchParams.Sort.RELEVANCE, null), Synonyms.NONE, TIMEOUT, ORIGIN);
        List<String> order = new ArrayList<>();
        body.facets().path("aggs").fieldNames().forEachRemaining(order::add);
        assertEquals(List.of(SearchRequestBody.TOTAL, "county", "industry", "organization", "author", "type", "month"), order);
        JsonNode aggs = body.facets().path("aggs");
        assertTrue(aggs.path("county").path("filter").toString().contains("publishedOn"), "county counts under the date range");
        assertTrue(!aggs.path("county").path("filter").toString().contains("奇台县"), "but not under its own filter");
        assertTrue(aggs.path("month").path("filter").toString().contains("奇台县"), "month counts under the county");
        assertTrue(!aggs.path("month").path("filter").toString().contains("publishedOn"), "but not under the range");
    }

    @Test
    void pagesByRelevanceRescoreTheBestMatchesWhileWalksSortInATotalOrder() {
        SearchParams params = search("新能源", List.of(), null, null, SearchParams.Sort.RELEVANCE, null);
        JsonNode page = SearchRequestBody.of(params, Synonyms.NONE, TIMEOUT, ORIGIN).hits();
        assertTrue(page.has("rescore") && !page.has("sort"), "a page: recency as a rescore, the score alone");
        for (JsonNode walk : List.of(SearchRequestBody.walk(params, Synonyms.NONE, TIMEOUT), SearchRequestBody.of(
                search("新能源", List.of(), null, null, SearchParams.Sort.RELEVANCE, SearchParams.START_CURSOR), Synonyms.NONE,
                TIMEOUT, ORIGIN).hits())) {
            assertTrue(!walk.has("rescore") && !walk.toString().contains("distance_feature"), "no recency in a walk's score");
            assertEquals("[\"_score\",\"publishedOn\",\"id\"]", fieldNames(walk.path("sort")), "score, newest, id");
        }
        JsonNode withoutWords = SearchRequestBody.of(search("", List.of("奇台县"), null, null, SearchParams.Sort.RELEVANCE,
            null), Synonyms.NONE, TIMEOUT, ORIGIN).hits();
        assertTrue(withoutWords.toString().contains("distance_feature") && !withoutWords.has("rescore"),
            "without words, recency in the query orders every hit");
    }

    private static String fieldNames(JsonNode sort) {
        List<String> names = new ArrayList<>();
        sort.forEach(clause -> names.add("\"" + clause.fieldNames().next() + "\""));
        return "[" + String.join(",", names) + "]";
    }

    @Test
    void laterPagesOfACursorWalkAskNoFacets() {
        SearchRequestBody first = SearchRequestBody.of(search("新能源", List.of(), null, null, SearchParams.Sort.RELEVANCE,
            SearchParams.START_CURSOR), Synonyms.NONE, TIMEOUT, ORIGIN);
        SearchRequestBody later = SearchRequestBody.of(search("新能源", List.of(), null, null, SearchParams.Sort.RELEVANCE,
            "c29tZS1jdXJzb3I"), Synonyms.NONE, TIMEOUT, ORIGIN);
        assertTrue(first.facets() != null);
        assertNull(later.facets());
    }
}
