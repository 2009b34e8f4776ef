package cn.changji.archive.search;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;

import cn.changji.archive.index.ArticleDocuments;

/**
 * The requests behind GET /api/v1/articles/search, paging aside (from, or a point in time and search_after): the
 * hits (scored, highlighted, only the fields a hit shows) and, apart, the facets. Facets go in a request of their
 * own, with size 0 and the user's query in filter context: no scoring, and Elasticsearch's shard request cache
 * answers it again until the index changes. Both go out together in one _msearch. Public so the benchmarks send
 * Elasticsearch exactly what the service sends.
 *
 * @param hits   the _search body of the page of hits; it does not count the total
 * @param facets the _search body of the facet counts and the total (counted as the hits' total when no facet is
 *               selected, else as the {@value #TOTAL} aggregation), or null on the later pages of a cursor walk
 *               (a walk reads one point in time: its counts are those of its first page)
 */
public record SearchRequestBody(ObjectNode hits, ObjectNode facets) {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final SerializedString NEW_LINE = new SerializedString("\n");
    /**
     * What the service reads of the _msearch answer; Elasticsearch leaves the rest out (shard counts, index names,
     * the month buckets' epoch keys, terms' error bounds), which shortens both its writing and the service's reading.
     */
    public static final String MSEARCH_FILTER = msearchFilter();

    private static String msearchFilter() {
        List<String> kept = new ArrayList<>(List.of("responses.took", "responses.timed_out", "responses.status",
            "responses.error", "responses.pit_id", "responses.hits.total.value", "responses.hits.hits._id",
            "responses.hits.hits._score", "responses.hits.hits._source", "responses.hits.hits.fields",
            "responses.hits.hits.highlight", "responses.hits.hits.sort", "responses.hits.hits.matched_queries",
            "responses.aggregations.**.doc_count"));
        for (Facet facet : Facet.values()) {
            String key = facet == Facet.MONTH ? "key_as_string" : "key";
            kept.add("responses.aggregations." + facet.parameter() + ".buckets." + key);
            kept.add("responses.aggregations." + facet.parameter() + ".values.buckets." + key);
        }
        return String.join(",", kept);
    }
    static final List<String> HIT_FIELDS = List.of("id", "title", "subtitle", "publishedOn", "authors", "counties",
        "industries", "organizations", "type");
    /** The fields of a hit that the facets count, all kept as doc values as well: read without a stored field. */
    static final List<String> FACET_FIELDS = List.of("id", "publishedOn", "authors", "counties", "industries",
        "organizations", "type");
    static final int SNIPPET_CHARS = 120;
    static final int RECENCY_WINDOW = 100;
    /** The filter aggregation whose count is the number of hits under every filter. */
    static final String TOTAL = "total";
    /** How many times k nearest articles Elasticsearch scores again with their exact vectors: {@link #knn}. */
    static final double RESCORE_OVERSAMPLE = 1.0;
    /** The name of the words' query in hybrid search's neighbours: a hit the words match lists it in matched_queries. */
    static final String WORDS = "words";
    /** The facets' aggregations when none is selected, as JSON encoded once (see {@link #countFacets}). */
    private static final RawValue PLAIN_COUNTS = plainCounts();

    /** The requests with recency measured from today. */
    public static SearchRequestBody of(SearchParams params, Synonyms synonyms, Duration timeout) {
        return of(params, synonyms, timeout, LocalDate.now());
    }

    public static SearchRequestBody of(SearchParams params, Synonyms synonyms, Duration timeout, LocalDate recencyOrigin) {
        SearchQueries.Filters filters = SearchQueries.Filters.of(params);
        // one tree for both requests: they are only written out, never changed
        ObjectNode matching = SearchQueries.matching(params.query(), synonyms);
        ObjectNode hits = hits(params, filters, matching, synonyms, timeout, recencyOrigin, params.cursor() != null);

        boolean laterCursorPage = params.cursor() != null && !params.cursor().equals(SearchParams.START_CURSOR);
        ObjectNode facets = null;
        if (!laterCursorPage) {
            facets = JSON.objectNode();
            facets.set("query", SearchQueries.wrap("bool", JSON.objectNode()
                .set("filter", JSON.arrayNode().add(matching))));
            facets.put("size", 0);
            // with no facet selected, every facet counts the same hits: plain aggregations, and the total of the hits
            facets.put("track_total_hits", filters.byFacet().isEmpty());
            facets.put("timeout", timeout.toMillis() + "ms");
            countFacets(facets, filters);
        }
        return new SearchRequestBody(hits, facets);
    }

    /** The hits request alone, as {@link #of} makes it (hybrid search's continuation after its fused window). */
    static ObjectNode hitsOnly(SearchParams params, Synonyms synonyms, Duration timeout) {
        return hits(params, SearchQueries.Filters.of(params), SearchQueries.matching(params.query(), synonyms), synonyms,
            timeout, LocalDate.now(), params.cursor() != null);
    }

    /**
     * The hits of a walk over every hit of a search (a cursor walk, an export): sorted in a total order that
     * search_after can continue, recency only as the tie-break (see {@link #sort}).
     */
    public static ObjectNode walk(SearchParams params, Synonyms synonyms, Duration timeout) {
        return hits(params, SearchQueries.Filters.of(params), SearchQueries.matching(params.query(), synonyms), synonyms,
            timeout, LocalDate.now(), true);
    }

    private static ObjectNode hits(SearchParams params, SearchQueries.Filters filters, ObjectNode matching,
                                   Synonyms synonyms, Duration timeout, LocalDate recencyOrigin, boolean walk) {
        ObjectNode hits = JSON.objectNode();
        boolean sorted = walk || params.sort() != SearchParams.Sort.RELEVANCE;
        if (sorted) {
            // the sort orders ties newest first; recency in the score made a walk's page on a common word 3 times as slow
            hits.set("query", matching);
        } else if (params.query().required().isEmpty()) {
            // without words every article scores alike, and recency alone orders them
            hits.set("query", SearchQueries.scored(matching, recencyOrigin));
        } else {
            hits.set("query", matching);
            hits.set("rescore", recencyRescore(recencyOrigin));
        }
        if (!filters.byFacet().isEmpty()) {
            hits.set("post_filter", SearchQueries.allOf(filters.all()));
        }
        hits.set("highlight", highlight("body.exact", SearchQueries.verbatimInBody(params.query(), synonyms)));
        if (sorted) {
            hits.set("sort", sort(params.sort()));
        }
        hits.put("size", params.size());
        hits.put("track_total_hits", false);
        hits.put("timeout", timeout.toMillis() + "ms");
        ArrayNode source = hits.putObject("_source").putArray("includes");
        HIT_FIELDS.forEach(source::add);
        return hits;
    }

    /**
     * A search by meaning alone: the {@code neighbours} articles nearest to the query's vector (none with an excluded
     * term), narrowed after by the filters (post_filter) so that each facet counts the neighbours under the other
     * filters, as a keyword search's facets count its hits. The words are highlighted where a neighbour has them.
     */
    static SearchRequestBody semantic(SearchParams params, Synonyms synonyms, Duration timeout, RawValue vector, int neighbours) {
        SearchQueries.Filters filters = SearchQueries.Filters.of(params);
        ObjectNode hits = JSON.objectNode();
        hits.set("knn", nearestTo(params.query(), synonyms, vector, neighbours, List.of()));
        if (!filters.byFacet().isEmpty()) {
            hits.set("post_filter", SearchQueries.allOf(filters.all()));
        }
        hits.set("highlight", highlight("body.exact", SearchQueries.verbatimInBody(params.query(), synonyms)));
        pageOfHits(hits, params.size(), timeout);
        ObjectNode facets = JSON.objectNode();
        facets.set("knn", hits.get("knn"));
        facets.put("size", 0);
        facets.put("track_total_hits", filters.byFacet().isEmpty());
        facets.put("timeout", timeout.toMillis() + "ms");
        countFacets(facets, filters);
        return new SearchRequestBody(hits, facets);
    }

    /**
     * These requests with hits of ids and scores alone, no fields or highlight: a ranking that is fused before its page
     * is known (hybrid search's window of the words' hits).
     */
    SearchRequestBody ranksOnly() {
        hits.remove("highlight");
        fromDocValues(hits, List.of("id"));
        return this;
    }

    /**
     * The hits' fields from doc values alone: no stored field is read, neither _source nor _id (the article's id is
     * its {@code id} field). Loading a hit's stored fields decompresses a block of them: a ranking of 30 ids took
     * Elasticsearch about a fifth less CPU without.
     */
    private static void fromDocValues(ObjectNode body, List<String> fields) {
        body.remove("_source");
        body.put("stored_fields", "_none_");
        ArrayNode docValues = body.putArray("docvalue_fields");
        fields.forEach(docValues::add);
    }

    /** The articles {@code ids} as hits show them, the words highlighted: hybrid search's page once it is fused. */
    static ObjectNode shown(List<String> ids, SearchParams params, Synonyms synonyms, Duration timeout) {
        ObjectNode body = JSON.objectNode();
        body.set("query", SearchQueries.ids(ids));
        body.set("highlight", highlight("body.exact", SearchQueries.verbatimInBody(params.query(), synonyms)));
        pageOfHits(body, ids.size(), timeout);
        return body;
    }

    /**
     * The {@code count} articles nearest to the query's vector under every filter (none with an excluded term), each
     * saying whether the words match it too (matched_queries {@value #WORDS}), with the fields the facets count (from
     * doc values) but no highlight (only the page that is shown needs one): hybrid search's ranking by meaning.
     */
    static ObjectNode nearest(SearchParams params, Synonyms synonyms, Duration timeout, RawValue vector, int count) {
        ObjectNode body = JSON.objectNode();
        body.set("knn", nearestTo(params.query(), synonyms, vector, count, SearchQueries.Filters.of(params).all()));
        // a post filter that lets every neighbour through but names the words, so each hit says whether they match it
        // (a named query inside one that matches nothing is rewritten away before it is asked)
        ObjectNode named = SearchQueries.wrap("bool", JSON.objectNode().<ObjectNode>set("filter",
            JSON.arrayNode().add(SearchQueries.matching(params.query(), synonyms))).put("_name", WORDS));
        body.set("post_filter", SearchQueries.wrap("bool", JSON.objectNode()
            .set("should", JSON.arrayNode().add(named).add(SearchQueries.wrap("match_all", JSON.objectNode())))));
        sized(body, count, timeout);
        fromDocValues(body, FACET_FIELDS);
        return body;
    }

    /**
     * A query's vector as the JSON array a knn request holds, written once: a search by meaning remembers it with the
     * vector, and the 512 numbers are not written out again for every search of the same words.
     */
    static RawValue vectorJson(float[] vector) {
        ArrayNode values = JSON.arrayNode(vector.length);
        for (float value : vector) {
            values.add(value);
        }
        return new RawValue(values.toString());
    }

    private static ObjectNode nearestTo(UserQuery query, Synonyms synonyms, RawValue vector, int k, List<ObjectNode> filters) {
        ObjectNode bool = JSON.objectNode();
        if (!filters.isEmpty()) {
            ArrayNode filter = bool.putArray("filter");
            filters.forEach(filter::add);
        }
        ArrayNode excluded = SearchQueries.excluded(query, synonyms);
        if (!excluded.isEmpty()) {
            bool.set("must_not", excluded);
        }
        return knn(vector, k, Math.max(2 * k, 100), bool.isEmpty() ? null : SearchQueries.wrap("bool", bool));
    }

    /**
     * A knn search of the {@code k} articles nearest to {@code vector} (a JSON array) among {@code candidates} per
     * shard, under {@code filter} when there is one. Elasticsearch finds them by their int8-quantized vectors, then
     * scores them again with their exact ones ({@code rescore_vector}, Elasticsearch 8.18 and later) and orders them by
     * that. Quantization lets near neighbours pass each other: over the 100,000-article benchmark archive, exact scores
     * put the paraphrase set's story in the first three hits of hybrid search 25 times of 30 instead of 23 on one
     * index, and 24 times in the benchmark run that built the index again (BENCHMARKS.md). Oversampling (2 or 3 times
     * k rescored, k kept) found the same and cost Elasticsearch more CPU per search.
     */
    static ObjectNode knn(RawValue vector, int k, int candidates, ObjectNode filter) {
        ObjectNode knn = JSON.objectNode().put("field", ArticleDocuments.VECTOR);
        knn.putRawValue("query_vector", vector);
        knn.put("k", k).put("num_candidates", candidates);
        knn.putObject("rescore_vector").put("oversample", RESCORE_OVERSAMPLE);
        if (filter != null) {
            knn.set("filter", filter);
        }
        return knn;
    }

    private static void pageOfHits(ObjectNode body, int size, Duration timeout) {
        sized(body, size, timeout);
        ArrayNode source = body.putObject("_source").putArray("includes");
        HIT_FIELDS.forEach(source::add);
    }

    /** {@code size} hits, their total not counted, within the search's timeout. */
    private static void sized(ObjectNode body, int size, Duration timeout) {
        body.put("size", size);
        body.put("track_total_hits", false);
        body.put("timeout", timeout.toMillis() + "ms");
    }

    /**
     * The _msearch payload: the hits (against the index, or against the point in time the hits body names) and,
     * when there are facets, the facets (always against the live index: a point in time bypasses the cache).
     */
    public byte[] msearch(String index) {
        return msearch(index, null);
    }

    /** {@link #msearch(String)} and, when not null, one more search after the facets: hybrid search's neighbours. */
    byte[] msearch(String index, ObjectNode more) {
        ByteArrayOutputStream ndjson = new ByteArrayOutputStream(4096);
        // one generator for every line, the trees written as they are (no serializer lookups per line)
        try (JsonGenerator lines = MAPPER.createGenerator(ndjson).setRootValueSeparator(NEW_LINE)) {
            MAPPER.writeTree(lines, hits.has("pit") ? JSON.objectNode() : JSON.objectNode().put("index", index));
            MAPPER.writeTree(lines, hits);
            if (facets != null) {
                // a search by meaning's counts would fill the cache with entries that no other search asks again
                MAPPER.writeTree(lines, JSON.objectNode().put("index", index).put("request_cache", !facets.has("knn")));
                MAPPER.writeTree(lines, facets);
            }
            if (more != null) {
                MAPPER.writeTree(lines, JSON.objectNode().put("index", index));
                MAPPER.writeTree(lines, more);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writing to memory
        }
        ndjson.write('\n');
        return ndjson.toByteArray();
    }

    /**
     * Recency for pages of hits by relevance: the {@value #RECENCY_WINDOW} best matches (by words alone) each get
     * their recency added and are ordered again; the hits after them keep the order of their words' score. Every page
     * sees the same window, so pages never repeat or skip a hit. Recency in the query instead scores every matching
     * article and keeps Lucene from skipping the ones that cannot reach the page: at a million articles that, and the
     * sort's tie-breaking fields, halved the searches per second.
     */
    private static ObjectNode recencyRescore(LocalDate origin) {
        ObjectNode rescore = JSON.objectNode().put("window_size", RECENCY_WINDOW);
        rescore.putObject("query").<ObjectNode>set("rescore_query", SearchQueries.recency(origin))
            .put("query_weight", 1.0).put("rescore_query_weight", 1.0).put("score_mode", "total");
        return rescore;
    }

    /**
     * A cursor walk by relevance: the words' score, then newest, then id (a total order over a point in time, so a walk
     * never repeats or skips a hit; scores without recency, which a walk's pages would otherwise have to measure from
     * one fixed day); by date: the date, then score, then id. Pages by relevance have no sort: the score alone, ties
     * in the index's order, which a search_after could not use but pages do not need.
     */
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

    /**
     * One passage of the body, read from the offsets indexed with the field (nothing is analysed again): the passage
     * with the most matches of {@code query}, or without any the opening (no_match_size), HTML-escaped either way.
     */
    static ObjectNode highlight(String field, ObjectNode query) {
        ObjectNode highlight = JSON.objectNode().put("encoder", "html");
        highlight.putArray("pre_tags").add("<em>");
        highlight.putArray("post_tags").add("</em>");
        ObjectNode options = highlight.putObject("fields").putObject(field);
        options.put("fragment_size", SNIPPET_CHARS).put("number_of_fragments", 1).put("no_match_size", SNIPPET_CHARS);
        if (query != null) {
            options.set("highlight_query", query);
        }
        return highlight;
    }

    /**
     * Each facet in the order of {@link Facet}, the same request on every replica. With no facet selected they are
     * plain aggregations of the hits, the same for every search: written out once ({@link #PLAIN_COUNTS}). Otherwise
     * each counts under every filter but its own, and the total under all.
     */
    private static void countFacets(ObjectNode body, SearchQueries.Filters filters) {
        if (filters.byFacet().isEmpty()) {
            body.putRawValue("aggs", PLAIN_COUNTS);
            return;
        }
        ObjectNode aggs = body.putObject("aggs");
        aggs.putObject(TOTAL).set("filter", SearchQueries.allOf(filters.all()));
        for (Facet facet : Facet.values()) {
            aggs.set(facet.parameter(), facet.aggregation(SearchQueries.allOf(filters.except(facet))));
        }
    }

    private static RawValue plainCounts() {
        ObjectNode aggs = JSON.objectNode();
        for (Facet facet : Facet.values()) {
            aggs.set(facet.parameter(), facet.counts());
        }
        return new RawValue(new SerializedString(aggs.toString()));
    }
}
