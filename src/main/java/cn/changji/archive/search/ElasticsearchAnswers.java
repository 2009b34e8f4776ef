package cn.changji.archive.search;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * The parts of Elasticsearch's _search answers that related articles, exports and hybrid search read, bound straight from the
 * answer's bytes into these records (no JSON tree in between); everything else in the answer is skipped unread. The
 * searches' _msearch answers are read by {@link MsearchReading}.
 */
final class ElasticsearchAnswers {
    private ElasticsearchAnswers() {}

    /** One search's answer. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Search(Hits hits) {
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
               @JsonProperty("matched_queries") List<String> matchedQueries) {}

    /** The fields a hit shows: {@link SearchRequestBody#HIT_FIELDS}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Source(String title, String subtitle, String publishedOn, List<String> authors, List<String> counties,
                  List<String> industries, List<String> organizations, String type) {}

    static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
