package cn.changji.archive.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;

import cn.changji.archive.failure.ArchiveException;

/** Searches by meaning: what is refused, and what is sent to Elasticsearch. */
class SearchModesTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final RawValue VECTOR = SearchRequestBody.vectorJson(new float[] { 0.6f, 0.8f });

    private static SearchParams search(String q, List<String> counties) {
        return SearchParams.of(UserQuery.parse(q), Map.of(Facet.COUNTY, counties), null, null, SearchParams.Sort.RELEVANCE,
            null, null, null);
    }

    @Test
    void modesAreReadAndBadOnesRefusedByName() {
        assertEquals(SearchParams.Mode.KEYWORD, SearchParams.Mode.of(null));
        assertEquals(SearchParams.Mode.HYBRID, SearchParams.Mode.of(" Hybrid "));
        ArchiveException refused = assertThrows(ArchiveException.class, () -> SearchParams.Mode.of("telepathy"));
        assertTrue(refused.getMessage().contains("'mode'"), refused.getMessage());
    }

    @Test
    void meaningOrdersByRelevanceAndPagesByNumber() {
        SearchParams newest = SearchParams.of(UserQuery.parse("新能源"), SearchParams.Sort.NEWEST, 10);
        assertThrows(ArchiveException.class, () -> newest.withMode(SearchParams.Mode.HYBRID));
        SearchParams walk = SearchParams.of(UserQuery.parse("新能源"), Map.of(), null, null, SearchParams.Sort.RELEVANCE, null, null, "*");
        assertThrows(ArchiveException.class, () -> walk.withMode(SearchParams.Mode.SEMANTIC));
        assertEquals(SearchParams.Mode.KEYWORD, walk.withMode(SearchParams.Mode.KEYWORD).mode());
    }

    @Test
    void aSemanticSearchFiltersTheNeighboursAfterSoFacetsStayMultiSelect() {
        SearchRequestBody body = SearchRequestBody.semantic(search("面粉 -光伏", List.of("昌吉市")), Synonyms.NONE, TIMEOUT, VECTOR, 100);
        JsonNode knn = body.hits().path("knn");
        assertEquals("embedding", knn.path("field").asText());
        assertEquals(100, knn.path("k").asInt());
        assertEquals("[0.6,0.8]", knn.path("query_vector").toString(), "the vector written as the request holds it");
        assertEquals(SearchRequestBody.RESCORE_OVERSAMPLE, knn.path("rescore_vector").path("oversample").asDouble(),
            "the nearest by quantized vectors are scored again with the exact ones");
        assertTrue(knn.path("filter").toString().contains("光伏"), "excluded words exclude neighbours too");
        assertFalse(knn.path("filter").toString().contains("昌吉市"), "the county narrows after, not before");
        assertTrue(body.hits().path("post_filter").toString().contains("昌吉市"));
        assertTrue(body.hits().path("highlight").toString().contains("面粉"), "the words are highlighted where they occur");
        assertEquals(knn, body.facets().path("knn"), "the facets count the same neighbours");
        assertTrue(body.facets().path("aggs").has("county"));
        assertTrue(new String(body.msearch("articles")).contains("\"request_cache\":false"), "vectors are not worth caching");
    }

    @Test
    void hybridsNeighboursAreUnderEveryFilterAndSayWhetherTheWordsMatchThem() {
        JsonNode body = SearchRequestBody.nearest(search("面粉", List.of("昌吉市")), Synonyms.NONE, TIMEOUT, VECTOR, 100);
        assertTrue(body.path("knn").path("filter").toString().contains("昌吉市"));
        assertEquals(SearchRequestBody.WORDS, body.at("/post_filter/bool/should/0/bool/_name").asText());
        assertTrue(body.at("/post_filter/bool/should/1").has("match_all"), "the post filter lets every neighbour through");
        assertTrue(body.path("query").isMissingNode(), "the neighbours are the hits");
        assertEquals(100, body.path("size").asInt());
        assertEquals("_none_", body.path("stored_fields").asText(), "no stored field is read for a neighbour");
        assertTrue(body.path("docvalue_fields").toString().contains("counties"), "its facets' fields are doc values");
    }

    @Test
    void hybridsWindowOfTheWordsReadsIdsFromDocValuesAndGoesOutWithTheFacetsAndTheNeighbours() {
        SearchRequestBody window = SearchRequestBody.of(search("面粉", List.of()), Synonyms.NONE, TIMEOUT).ranksOnly();
        assertEquals("_none_", window.hits().path("stored_fields").asText());
        assertEquals("[\"id\"]", window.hits().path("docvalue_fields").toString());
        assertTrue(window.hits().path("highlight").isMissingNode());
        ObjectNode near = SearchRequestBody.nearest(search("面粉", List.of()), Synonyms.NONE, TIMEOUT, VECTOR, 30);
        String[] lines = new String(window.msearch("articles", near), StandardCharsets.UTF_8).split("\n");
        assertEquals(6, lines.length, "words, facets, neighbours: a header and a body each");
        assertTrue(lines[5].contains("\"knn\""), lines[5]);
    }

    @Test
    void relatedArticlesAreKeptWithinFacetsByName() {
        assertEquals(Set.of(Facet.COUNTY, Facet.INDUSTRY), ArticleSearch.relatedWithin("county, industry"));
        assertTrue(ArticleSearch.relatedWithin(null).isEmpty());
        ArchiveException refused = assertThrows(ArchiveException.class, () -> ArticleSearch.relatedWithin("county,month"));
        assertTrue(refused.getMessage().contains("'month'"), refused.getMessage());
    }
}
