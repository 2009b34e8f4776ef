package cn.changji.archive.search;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The requests behind GET /api/v1/articles/search, paging aside (from, or a point in time and search_after): the
 * hits (scored, highlighted, only the fields a hit shows) and, apart, the facets. Facets go in a request of their
 * own, with size 0 and the user's query in filter context: no scoring, and Elasticsearch's shard request cache
 * answers it again until the index changes. Both go out together in one _msearch. Public so the benchmarks send
 * Elasticsearch exactly what the service sends.
 *
 * @param hits   the _search body of the page of hits; it does not count the total
 * @param facets the _search body of the facet counts and the total, or null on the later pages of a cursor walk
 *               (a walk reads one point in time: its counts are those of its first page)
 */
public record SearchRequestBody(ObjectNode hits, ObjectNode facets) {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    static final List<String> HIT_FIELDS = List.of("id", "title", "subtitle", "publishedOn", "authors", "counties",
        "industries", "type");
    static final int SNIPPET_CHARS = 120;
    /** The filter aggregation whose count is the number of hits under every filter. */
    static final String TOTAL = "total";

    public static SearchRequestBody of(SearchParams params, Synonyms synonyms, Duration timeout) {
        SearchQueries.Filters filters = SearchQueries.Filters.of(params);
        ObjectNode hits = JSON.objectNode();
        hits.set("query", SearchQueries.scored(params.query(), synonyms));
        hits.set("post_filter", SearchQueries.allOf(filters.all()));
        hits.set("highlight", highlight());
        hits.set("sort", sort(params.sort()));
        hits.put("size", params.size());
        hits.put("track_total_hits", false);
        hits.put("timeout", timeout.toMillis() + "ms");
        ArrayNode source = hits.putObject("_source").putArray("includes");
        HIT_FIELDS.forEach(source::add);

        boolean laterCursorPage = params.cursor() != null && !params.cursor().equals(SearchParams.START_CURSOR);
        ObjectNode facets = null;
        if (!laterCursorPage) {
            facets = JSON.objectNode();
            facets.set("query", SearchQueries.wrap("bool", JSON.objectNode()
                .set("filter", JSON.arrayNode().add(SearchQueries.matching(params.query(), synonyms)))));
            facets.put("size", 0);
            facets.put("track_total_hits", false);
            facets.put("timeout", timeout.toMillis() + "ms");
            facets.set("aggs", facets(filters));
        }
        return new SearchRequestBody(hits, facets);
    }

    /**
     * The _msearch payload: the hits (against the index, or against the point in time the hits body names) and,
     * when there are facets, the facets (always against the live index: a point in time bypasses the cache).
     */
    public byte[] msearch(String index) {
        StringBuilder ndjson = new StringBuilder();
        ndjson.append(hits.has("pit") ? "{}" : JSON.objectNode().put("index", index).toString()).append('\n')
            .append(hits).append('\n');
        if (facets != null) {
            ndjson.append(JSON.objectNode().put("index", index).put("request_cache", true)).append('\n')
                .append(facets).append('\n');
        }
        return ndjson.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Relevance: score, then newest, then id (a total order, so cursors never repeat or skip a hit). */
    static ArrayNode sort(SearchParams.Sort sort) {
        ArrayNode clauses = JSON.arrayNode();
        ObjectNode date = JSON.objectNode();
        date.putObject("publishedOn").put("order", sort == SearchParams.Sort.OLDEST ? "asc" : "desc").put("missing", "_last");
        if (sort == SearchParams.Sort.RELEVANCE) {
            clauses.add(JSON.objectNode().set("_score", JSON.objectNode().put("order", "desc")));
            clauses.add(date);
        } else {
            clauses.add(date);
            clauses.add(JSON.objectNode().set("_score", JSON.objectNode().put("order", "desc")));
        }
        clauses.add(JSON.objectNode().set("id", JSON.objectNode().put("order", "asc")));
        return clauses;
    }

    /** One passage of the body: verbatim matches (.exact), IK matches, or without any the opening (no_match_size). */
    static ObjectNode highlight() {
        ObjectNode highlight = JSON.objectNode().put("encoder", "html").put("require_field_match", true);
        highlight.putArray("pre_tags").add("<em>");
        highlight.putArray("post_tags").add("</em>");
        ObjectNode fields = highlight.putObject("fields");
        fields.putObject("body.exact").put("fragment_size", SNIPPET_CHARS).put("number_of_fragments", 1);
        fields.putObject("body").put("fragment_size", SNIPPET_CHARS).put("number_of_fragments", 1)
            .put("no_match_size", SNIPPET_CHARS);
        return highlight;
    }

    /** The total under every filter, then each facet in the order of {@link Facet}: the same request on every replica. */
    private static ObjectNode facets(SearchQueries.Filters filters) {
        ObjectNode aggs = JSON.objectNode();
        aggs.putObject(TOTAL).set("filter", SearchQueries.allOf(filters.all()));
        for (Facet facet : Facet.values()) {
            aggs.set(facet.parameter(), facet.aggregation(SearchQueries.allOf(filters.except(facet))));
        }
        return aggs;
    }
}
