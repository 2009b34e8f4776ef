package cn.changji.archive.search;

import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One page of search results with the facet counts of the whole result. */
@Schema(description = "A page of search results with facet counts")
@JsonInclude(JsonInclude.Include.ALWAYS)
public record SearchAnswer(
    @Schema(required = true, description = "Hits matching the query and every filter", examples = "27") long total,
    @Schema(required = true, description = "Time Elasticsearch took", examples = "12") long tookMs,
    @Schema(required = true, description = "1-based page (1 in cursor mode)", examples = "1") int page,
    @Schema(required = true, examples = "10") int size,
    @Schema(required = true) List<Hit> hits,
    @Schema(required = true, nullable = true, description = "Facet counts; null on the later pages of a cursor walk, whose counts are those of its first page")
    Facets facets,
    @Schema(required = true, nullable = true, description = "Pass as 'cursor' for the next page; null on the last page and when paging by page numbers")
    String nextCursor) {

    @Schema(name = "SearchHit", description = "One article found")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Hit(
        @Schema(required = true, examples = "3f2a9c0d1e4b5a67b8c9") String id,
        @Schema(required = true, nullable = true, description = "Null when the article has only a body", examples = "打造“风光”全产业链新标杆 新疆首个新能源产业发展联盟成立") String title,
        @Schema(required = true, nullable = true, examples = "——昌吉州科技创新工作综述") String subtitle,
        @Schema(required = true, nullable = true, description = "Date of the issue; null when unknown", examples = "2025-04-16") LocalDate publishedOn,
        @Schema(required = true, examples = "[\"刘辉\", \"黄杰\"]") List<String> authors,
        @Schema(required = true, examples = "[\"木垒哈萨克自治县\"]") List<String> counties,
        @Schema(required = true, examples = "[\"新能源\"]") List<String> industries,
        @Schema(required = true, examples = "[\"特变电工\"]") List<String> organizations,
        @Schema(required = true, enumeration = { "news", "feature", "photo", "commentary" }, examples = "news") String type,
        @Schema(required = true, description = "Passage of the body (empty when there is none), HTML-escaped, with <em> around the matches",
            examples = "4月14日,<em>木垒</em>县<em>新能源</em>产业发展联盟成立……") String snippet,
        @Schema(required = true, nullable = true, description = "Relevance score; null when sorted by date", examples = "12.7") Double score) {}

    @Schema(description = "Counts per value; each facet is counted under every filter except its own")
    public record Facets(@Schema(required = true) List<FacetValue> county, @Schema(required = true) List<FacetValue> industry,
                         @Schema(required = true) List<FacetValue> organization, @Schema(required = true) List<FacetValue> author, @Schema(required = true) List<FacetValue> type,
                         @Schema(required = true, description = "Months as yyyy-MM") List<FacetValue> month) {}

    @Schema(description = "A facet value and how many hits it would give")
    public record FacetValue(@Schema(required = true, examples = "木垒哈萨克自治县") String value, @Schema(required = true, examples = "3") long count) {}
}
