package cn.changji.archive.ingest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonProperty;

import cn.changji.archive.article.Article;
import cn.changji.archive.article.RejectedRecord;

/** What an import would index, indexing nothing. Posting it back to /api/v1/articles indexes exactly these articles. */
@Schema(description = "The articles an import would index; nothing is indexed", additionalProperties = Schema.False.class)
public record DryRunAnswer(
    @Schema(required = true) List<Article> articles,
    @Schema(required = true, description = "Each record refused, by position, line and field") List<RejectedRecord> errors) {

    /** Tells a dry run's answer from an import's report (the discriminator of the import's answer). */
    @JsonProperty("kind")
    @Schema(required = true, enumeration = "dryRun", description = "Always 'dryRun'")
    public String getKind() {
        return "dryRun";
    }
}
