package cn.changji.archive.search;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The Elasticsearch query DSL for a journalist's query, as JSON. Each word is searched two ways, and either may
 * match: through IK (title above subtitle and kicker above body) and verbatim, as a phrase of character bigrams on
 * the {@code .exact} fields (our plugin's changji_bigram analyzers), which finds every article containing the word
 * as typed even where IK cut the text differently. Quoted phrases are searched verbatim only; excluded terms exclude verbatim matches.
 * User text only ever goes into match and phrase queries: no query_string, regexp or script.
 */
final class SearchQueries {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String[] IK_FIELDS = { "title^3", "subtitle^2", "kicker^2", "body" };
    private static final String[] EXACT_FIELDS = { "title.exact^3", "subtitle.exact^2", "kicker.exact^2", "body.exact" };
    /** Recency's part in the score: enough to order near-equal matches newest first, not to outrank a better match. */
    private static final double RECENCY_WEIGHT = 0.5;

    private SearchQueries() {}

    /** The scored part: the user's terms, with recency added so newer pieces win ties. */
    static ObjectNode scored(UserQuery query, Synonyms synonyms) {
        ObjectNode functionScore = JSON.objectNode();
        functionScore.set("query", matching(query, synonyms));
        ArrayNode functions = functionScore.putArray("functions");
        ObjectNode recent = functions.addObject();
        recent.set("filter", exists("publishedOn"));
        recent.putObject("gauss").putObject("publishedOn").put("origin", "now").put("scale", "730d").put("decay", 0.5);
        recent.put("weight", RECENCY_WEIGHT);
        ObjectNode undated = functions.addObject();
        undated.set("filter", wrap("bool", JSON.objectNode().set("must_not", exists("publishedOn"))));
        undated.put("weight", 0.0);
        functionScore.put("score_mode", "sum");
        functionScore.put("boost_mode", "sum");
        return wrap("function_score", functionScore);
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
                    should.add(exactPhrase(variant, term.phrase() ? 1.0 : 0.5));
                }
            }
            must.add(wrap("bool", JSON.objectNode().<ObjectNode>set("should", should).put("minimum_should_match", 1)));
        }
        if (query.required().isEmpty()) {
            must.add(wrap("match_all", JSON.objectNode()));
        }
        if (!query.excluded().isEmpty()) {
            ArrayNode mustNot = bool.putArray("must_not");
            for (UserQuery.Term term : query.excluded()) {
                for (String variant : synonyms.variants(term.text())) {
                    mustNot.add(exactPhrase(variant, 1.0));
                }
            }
        }
        return wrap("bool", bool);
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

    private static ObjectNode exactPhrase(String text, double boost) {
        ObjectNode match = JSON.objectNode().put("query", text).put("type", "phrase").put("boost", boost);
        ArrayNode fields = match.putArray("fields");
        for (String field : EXACT_FIELDS) {
            fields.add(field);
        }
        return wrap("multi_match", match);
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

    static ObjectNode exists(String field) {
        return wrap("exists", JSON.objectNode().put("field", field));
    }

    static ObjectNode wrap(String name, ObjectNode body) {
        ObjectNode node = JSON.objectNode();
        node.set(name, body);
        return node;
    }
}
