package cn.changji.archive.search;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * The parts of Elasticsearch's _search and _msearch answers a search reads, bound straight from the answer's bytes
 * into these records (no JSON tree in between); everything else in the answer is skipped unread.
 */
final class ElasticsearchAnswers {
    private ElasticsearchAnswers() {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Multi(List<Search> responses) {}

    /** One search's answer; {@code error} and {@code status} are set instead when it failed. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Search(long took, @JsonProperty("timed_out") boolean timedOut, Hits hits,
                  Map<String, Aggregation> aggregations, @JsonProperty("pit_id") String pitId, JsonNode error,
                  int status) {
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
               Map<String, List<String>> highlight, ArrayNode sort) {}

    /** The fields a hit shows: {@link SearchRequestBody#HIT_FIELDS}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Source(String title, String subtitle, String publishedOn, List<String> authors, List<String> counties,
                  List<String> industries, List<String> organizations, String type) {}

    /** A filter aggregation (doc_count, its counts under {@code values}) or the counts themselves (buckets). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Aggregation(@JsonProperty("doc_count") long docCount, List<Bucket> buckets, Aggregation values) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Bucket(String key, @JsonProperty("key_as_string") String keyAsString, @JsonProperty("doc_count") long docCount) {}

    static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    static Map<String, Aggregation> orEmpty(Map<String, Aggregation> map) {
        return map == null ? Map.of() : map;
    }
}
