package cn.changji.archive.search;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The body of the _search request behind GET /api/v1/articles/search, paging aside (from, or a point in time and
 * search_after). Public so the benchmarks send Elasticsearch exactly what the service sends.
 */
public final class SearchRequestBody {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    static final List<String> HIT_FIELDS = List.of("id", "title", "subtitle", "publishedOn", "authors", "counties",
        "industries", "type");
    static final int SNIPPET_CHARS = 120;
    private static final Map<String, String> FACET_FIELDS = Map.of("county", "counties", "industry", "industries",
        "author", "authors", "type", "type");
    private static final Map<String, Integer> FACET_SIZES = Map.of("county", 20, "industry", 20, "author", 30, "type", 10);

    private SearchRequestBody() {}

    public static ObjectNode of(SearchParams params, Synonyms synonyms, Duration timeout) {
        SearchQueries.Filters filters = SearchQueries.Filters.of(params);
        ObjectNode body = JSON.objectNode();
        body.set("query", SearchQueries.scored(params.query(), synonyms));
        body.set("post_filter", SearchQueries.allOf(filters.all()));
        body.set("aggs", facets(filters));
        body.set("highlight", highlight());
        body.set("sort", sort(params.sort()));
        body.put("size", params.size());
        body.put("track_total_hits", true);
        body.put("timeout", timeout.toMillis() + "ms");
        ArrayNode source = body.putObject("_source").putArray("includes");
        HIT_FIELDS.forEach(source::add);
        return body;
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

    private static ObjectNode facets(SearchQueries.Filters filters) {
        ObjectNode aggs = JSON.objectNode();
        FACET_FIELDS.forEach((facet, field) -> {
            ObjectNode agg = aggs.putObject(facet);
            agg.set("filter", SearchQueries.allOf(filters.except(facet)));
            agg.putObject("aggs").putObject("values").putObject("terms").put("field", field).put("size", FACET_SIZES.get(facet));
        });
        ObjectNode month = aggs.putObject("month");
        month.set("filter", SearchQueries.allOf(filters.except("month")));
        ObjectNode histogram = month.putObject("aggs").putObject("values").putObject("date_histogram");
        histogram.put("field", "publishedOn").put("calendar_interval", "month").put("format", "yyyy-MM").put("min_doc_count", 1);
        histogram.putObject("order").put("_key", "desc");
        return aggs;
    }
}
