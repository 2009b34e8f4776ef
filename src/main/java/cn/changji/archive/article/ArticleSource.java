package cn.changji.archive.article;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Where an article came from, for tracing: the file, its format, and the article's position in it (1-based). */
@Schema(description = "Where the article came from")
public record ArticleSource(
    @Schema(required = true, nullable = true, examples = "2025-04-16_01.txt") String file,
    @Schema(required = true, nullable = true, description = "text, html, json or ndjson", examples = "text") String format,
    @Schema(required = true, nullable = true, description = "1-based position of the article (or line) in the file", examples = "3") Integer position) {
}
