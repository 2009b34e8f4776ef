package cn.changji.archive.search;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * The parts of Elasticsearch's _search answers that related articles, exports and hybrid search read, bound straight from the
 * answer's bytes into these records (no JSON tree in between); everything else in the answer is skipped unread. The
 * searches' _msearch answers are read by {@link MsearchReading}.
 */
final class ElasticsearchAnswers {
    private ElasticsearchAnswers() {}

    /** One search's answer; within an _msearch, an error (and its status) instead. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Search(Hits hits, JsonNode error, int status) {
        /** The hits, none when the answer has none. */
        List<Hit> hitList() {
            return hits == null ? List.of() : orEmpty(hits.hits());
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Hits(Total total, List<Hit> hits) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Total(long value) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Hit(@JsonProperty("_id") String id, @JsonProperty("_score") Double score, @JsonProperty("_source") Source source,
               Map<String, List<String>> highlight, ArrayNode sort,
               @JsonProperty("matched_queries") List<String> matchedQueries, Map<String, List<String>> fields) {

        /** The article's id: the hit's, or its id field's doc value where no stored field was read. */
        String articleId() {
            if (id != null || fields == null) {
                return id;
            }
            List<String> values = fields.get("id");
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        /** The fields a hit shows, from _source, or those of them read from doc values. */
        Source shown() {
            if (source != null) {
                return source;
            }
            if (fields == null) {
                return new Source(null, null, null, null, null, null, null, null);
            }
            return new Source(first("title"), first("subtitle"), first("publishedOn"), fields.get("authors"),
                fields.get("counties"), fields.get("industries"), fields.get("organizations"), first("type"));
        }

        private String first(String field) {
            List<String> values = fields.get(field);
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    /** The fields a hit shows: {@link SearchRequestBody#HIT_FIELDS}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Source(String title, String subtitle, String publishedOn, List<String> authors, List<String> counties,
                  List<String> industries, List<String> organizations, String type) {}

    static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
