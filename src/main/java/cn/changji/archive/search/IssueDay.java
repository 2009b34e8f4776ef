package cn.changji.archive.search;

import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One day's issue: its pages in order, each with its articles in the order they stand on the page. */
@Schema(description = "One day's issue, page by page")
@JsonInclude(JsonInclude.Include.ALWAYS)
public record IssueDay(
    @Schema(required = true, examples = "2025-04-16") LocalDate date,
    @Schema(required = true, nullable = true, description = "总第N期, when a masthead says it", examples = "12234") Integer issueNumber,
    @Schema(required = true, description = "Pages in order; articles whose page is unknown come last, under page null") List<Page> pages) {

    @Schema(name = "IssuePage", description = "A page (版) and its articles")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Page(
        @Schema(required = true, nullable = true, description = "Page number; null for articles whose page is unknown", examples = "1") Integer page,
        @Schema(required = true, description = "In the order they stand on the page") List<Piece> articles) {}

    @Schema(name = "IssueArticle", description = "An article of the issue")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Piece(
        @Schema(required = true, examples = "3f2a9c0d1e4b5a67") String id,
        @Schema(required = true, nullable = true, examples = "昌吉州与中科院举行科技合作座谈会") String title,
        @Schema(required = true, enumeration = { "news", "feature", "photo", "commentary" }, examples = "news") String type,
        @Schema(required = true, examples = "[\"左晓雨\"]") List<String> authors) {}
}
