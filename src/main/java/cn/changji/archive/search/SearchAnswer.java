package cn.changji.archive.search;

import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One page of search results with the facet counts of the whole result. */
@Schema(description = "A page of search results with facet counts")
@JsonInclude(JsonInclude.Include.ALWAYS)
public record SearchAnswer(
    @Schema(description = "Hits matching the query and every filter", examples = "27") long total,
    @Schema(description = "Time Elasticsearch took", examples = "12") long tookMs,
    @Schema(description = "1-based page (1 in cursor mode)", examples = "1") int page,
    @Schema(examples = "10") int size,
    List<Hit> hits,
    @Schema(description = "Facet counts; null on the later pages of a cursor walk, whose counts are those of its first page")
    Facets facets,
    @Schema(description = "Pass as 'cursor' for the next page; null on the last page and when paging by page numbers")
    String nextCursor) {

    @Schema(name = "SearchHit", description = "One article found")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Hit(
        @Schema(examples = "3f2a9c0d1e4b5a67b8c9") String id,
        @Schema(examples = "打造“风光”全产业链新标杆 新疆首个新能源产业发展联盟成立") String title,
        @Schema(examples = "——昌吉州科技创新工作综述") String subtitle,
        @Schema(examples = "2025-04-16") LocalDate publishedOn,
        @Schema(examples = "[\"刘辉\", \"黄杰\"]") List<String> authors,
        @Schema(examples = "[\"木垒哈萨克自治县\"]") List<String> counties,
        @Schema(examples = "[\"新能源\"]") List<String> industries,
        @Schema(examples = "news") String type,
        @Schema(description = "Passage of the body, HTML-escaped, with <em> around the matches",
            examples = "4月14日,<em>木垒</em>县<em>新能源</em>产业发展联盟成立……") String snippet,
        @Schema(description = "Relevance score; null when sorted by date", examples = "12.7") Double score) {}

    @Schema(description = "Counts per value; each facet is counted under every filter except its own")
    public record Facets(List<FacetValue> county, List<FacetValue> industry, List<FacetValue> author,
                         List<FacetValue> type, List<FacetValue> month) {}

    @Schema(description = "A facet value and how many hits it would give")
    public record FacetValue(@Schema(examples = "木垒哈萨克自治县") String value, @Schema(examples = "3") long count) {}
}
