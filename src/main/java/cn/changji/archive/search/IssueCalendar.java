package cn.changji.archive.search;

import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The days of one year that have an issue in the archive, and every year the archive holds. */
@Schema(description = "The days of a year that have articles, and the years the archive holds")
@JsonInclude(JsonInclude.Include.ALWAYS)
public record IssueCalendar(
    @Schema(required = true, nullable = true, description = "The year shown; null when no article has a date", examples = "2025") Integer year,
    @Schema(required = true, description = "Every year with dated articles, oldest first") List<Year> years,
    @Schema(required = true, description = "The days of the year that have articles, in order") List<Day> issues) {

    @Schema(name = "IssueYear", description = "A year of the archive")
    public record Year(@Schema(required = true, examples = "2025") int year, @Schema(required = true, examples = "4210") long articles) {}

    @Schema(name = "IssueDate", description = "A day with an issue")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Day(
        @Schema(required = true, examples = "2025-04-16") LocalDate date,
        @Schema(required = true, description = "Articles of that day", examples = "7") long articles,
        @Schema(required = true, nullable = true, description = "总第N期, when a masthead says it", examples = "12234") Integer issueNumber,
        @Schema(required = true, description = "Pages (版) with articles", examples = "2") int pages) {}
}
