package cn.changji.archive.search;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The Elasticsearch query DSL for a journalist's query, as JSON. Each word is searched two ways, and either may
 * match: through IK (title above subtitle and kicker above body, scored by BM25) and verbatim, as a phrase of
 * character bigrams on the {@code .exact} fields (our plugin's changji_bigram analyzers), which finds every article
 * containing the word as typed even where IK cut the text differently. A verbatim match in a headline field adds a
 * constant rather than a phrase score; in the body it only matches and adds nothing: Lucene then checks a body's
 * positions only for an article that could still reach the page, not for every article holding the word's bigrams
 * (at a million articles the body phrase was a third of a search's time). Quoted phrases are searched verbatim only;
 * excluded terms exclude verbatim matches. User text only ever goes into match and phrase queries: no query_string,
 * regexp or script.
 */
final class SearchQueries {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String[] IK_FIELDS = { "title^3", "subtitle^2", "kicker^2", "body" };
    /** The verbatim headline fields and what a match in each adds to the score, times the term's weight. */
    private static final Map<String, Double> SCORED_EXACT_FIELDS = scoredExactFields();
    /** The verbatim body: it only matches (the recall guarantee), the IK match scores the body. */
    private static final String BODY_EXACT = "body.exact";
    /** A typed word found verbatim; a quoted phrase, which has no IK match beside it, weighs double. */
    private static final double WORD_WEIGHT = 0.5;
    private static final double PHRASE_WEIGHT = 1.0;
    /**
     * Recency's part in the score, at most this much for today and half of it two years back: enough to order
     * near-equal matches newest first, not to outrank a better match; articles without a date get nothing.
     */
    private static final double RECENCY_WEIGHT = 0.5;
    private static final String RECENCY_PIVOT = "730d";

    private SearchQueries() {}

    private static Map<String, Double> scoredExactFields() {
        Map<String, Double> fields = new LinkedHashMap<>();
        fields.put("title.exact", 3.0);
        fields.put("subtitle.exact", 2.0);
        fields.put("kicker.exact", 2.0);
        return fields;
    }

    /** What the user's terms match ({@link #matching}) with recency added: for a search without words, which recency alone orders. */
    static ObjectNode scored(ObjectNode matching, LocalDate recencyOrigin) {
        ObjectNode bool = JSON.objectNode();
        bool.putArray("must").add(matching);
        bool.putArray("should").add(recency(recencyOrigin));
        return wrap("bool", bool);
    }

    /** How recent an article is, measured from {@code origin}: at most {@value #RECENCY_WEIGHT}. */
    static ObjectNode recency(LocalDate origin) {
        return wrap("distance_feature", JSON.objectNode().put("field", "publishedOn").put("origin", origin.toString())
            .put("pivot", RECENCY_PIVOT).put("boost", RECENCY_WEIGHT));
    }

    /** What the user's terms match, without recency (which depends on "now" and so could not be cached). */
    static ObjectNode matching(UserQuery query, Synonyms synonyms) {
        ObjectNode bool = JSON.objectNode();
        ArrayNode must = bool.putArray("must");
        for (List<UserQuery.Term> group : query.required()) {
            ArrayNode should = JSON.arrayNode();
            for (UserQuery.Term term : group) {
                for (String variant : synonyms.variants(term.text())) {
                    if (!term.phrase()) {
                        should.add(ikMatch(variant));
                        should.add(wrap("term", JSON.objectNode().set("authors", JSON.objectNode()
                            .put("value", variant).put("boost", 3.0))));
                    }
                    should.add(verbatimInHeadlines(variant, term.phrase() ? PHRASE_WEIGHT : WORD_WEIGHT));
                    should.add(wrap("bool", JSON.objectNode().set("filter", JSON.arrayNode().add(phrase(BODY_EXACT, variant)))));
                }
            }
            must.add(wrap("bool", JSON.objectNode().<ObjectNode>set("should", should).put("minimum_should_match", 1)));
        }
        if (query.required().isEmpty()) {
            must.add(wrap("match_all", JSON.objectNode()));
        }
        if (!query.excluded().isEmpty()) {
            bool.set("must_not", excluded(query, synonyms));
        }
        return wrap("bool", bool);
    }

    /** What an article must not contain verbatim: the excluded terms, in headlines or body (empty when none). */
    static ArrayNode excluded(UserQuery query, Synonyms synonyms) {
        ArrayNode mustNot = JSON.arrayNode();
        for (UserQuery.Term term : query.excluded()) {
            for (String variant : synonyms.variants(term.text())) {
                SCORED_EXACT_FIELDS.keySet().forEach(field -> mustNot.add(phrase(field, variant)));
                mustNot.add(phrase(BODY_EXACT, variant));
            }
        }
        return mustNot;
    }

    /** Every verbatim occurrence of the terms in the body, for the snippet's highlight. */
    static ObjectNode verbatimInBody(UserQuery query, Synonyms synonyms) {
        ArrayNode should = JSON.arrayNode();
        for (UserQuery.Term term : query.positiveTerms()) {
            synonyms.variants(term.text()).forEach(variant -> should.add(phrase(BODY_EXACT, variant)));
        }
        return should.isEmpty() ? wrap("match_none", JSON.objectNode())
            : wrap("bool", JSON.objectNode().set("should", should));
    }

    private static ObjectNode ikMatch(String text) {
        ObjectNode match = JSON.objectNode().put("query", text).put("type", "best_fields").put("operator", "and")
            .put("tie_breaker", 0.3);
        ArrayNode fields = match.putArray("fields");
        for (String field : IK_FIELDS) {
            fields.add(field);
        }
        return wrap("multi_match", match);
    }

    /** The term as typed in a headline field, worth the best field's constant. */
    private static ObjectNode verbatimInHeadlines(String text, double weight) {
        ArrayNode fields = JSON.arrayNode();
        SCORED_EXACT_FIELDS.forEach((field, boost) -> fields.add(wrap("constant_score", JSON.objectNode()
            .<ObjectNode>set("filter", phrase(field, text)).put("boost", boost * weight))));
        return wrap("dis_max", JSON.objectNode().set("queries", fields));
    }

    private static ObjectNode phrase(String field, String text) {
        return wrap("match_phrase", JSON.objectNode().set(field, JSON.objectNode().put("query", text)));
    }

    /** The filters a search is narrowed by, one per facet that has values selected, in the order of {@link Facet}. */
    record Filters(Map<Facet, ObjectNode> byFacet) {
        static Filters of(SearchParams params) {
            Map<Facet, ObjectNode> filters = new EnumMap<>(Facet.class);
            for (Facet facet : Facet.values()) {
                ObjectNode filter = facet == Facet.MONTH ? dateRange(params) : terms(facet.field(), params.values(facet));
                if (filter != null) {
                    filters.put(facet, filter);
                }
            }
            return new Filters(filters);
        }

        List<ObjectNode> all() {
            return except(null);
        }

        /** Every filter but the facet's own: multi-select facets count under the others only. */
        List<ObjectNode> except(Facet facet) {
            List<ObjectNode> filters = new ArrayList<>();
            byFacet.forEach((other, filter) -> {
                if (other != facet) {
                    filters.add(filter);
                }
            });
            return filters;
        }
    }

    static ObjectNode allOf(List<ObjectNode> filters) {
        if (filters.isEmpty()) {
            return wrap("match_all", JSON.objectNode());
        }
        ArrayNode filter = JSON.arrayNode();
        filters.forEach(filter::add);
        return wrap("bool", JSON.objectNode().set("filter", filter));
    }

    private static ObjectNode terms(String field, List<String> values) {
        if (values.isEmpty()) {
            return null;
        }
        ArrayNode array = JSON.arrayNode();
        values.forEach(array::add);
        return wrap("terms", JSON.objectNode().set(field, array));
    }

    private static ObjectNode dateRange(SearchParams params) {
        if (params.from() == null && params.to() == null) {
            return null;
        }
        ObjectNode range = JSON.objectNode();
        if (params.from() != null) {
            range.put("gte", params.from().toString());
        }
        if (params.to() != null) {
            range.put("lte", params.to().toString());
        }
        return wrap("range", JSON.objectNode().set("publishedOn", range));
    }

    /** The articles with these ids. */
    static ObjectNode ids(List<String> ids) {
        ArrayNode values = JSON.arrayNode();
        ids.forEach(values::add);
        return wrap("ids", JSON.objectNode().set("values", values));
    }

    static ObjectNode exists(String field) {
        return wrap("exists", JSON.objectNode().put("field", field));
    }

    static ObjectNode wrap(String name, ObjectNode body) {
        ObjectNode node = JSON.objectNode();
        node.set(name, body);
        return node;
    }
}
