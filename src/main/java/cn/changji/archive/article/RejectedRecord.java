package cn.changji.archive.article;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Something of an import that was not indexed, and why: named by file and position so it can be found and fixed. */
@Schema(description = "A record or article that was refused or failed to index")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RejectedRecord(
    @Schema(examples = "2025-04-16.ndjson") String file,
    @Schema(description = "1-based position of the record (or article) in the file", examples = "3") Integer position,
    @Schema(description = "line in the file, for JSON and NDJSON", examples = "3") Integer line,
    @Schema(description = "column in that line, for JSON syntax errors", examples = "17") Integer column,
    @Schema(description = "the field at fault, if one is", examples = "publishedOn") String field,
    @Schema(required = true, examples = "must be an ISO date (yyyy-MM-dd), got \"16/04/2025\"") String reason,
    @Schema(description = "id of the article, when it got that far") String articleId) {

    public static RejectedRecord at(String file, Integer position, String reason) {
        return new RejectedRecord(file, position, null, null, null, reason, null);
    }
}
