package cn.changji.archive.ingest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonProperty;

import cn.changji.archive.article.RejectedRecord;

/** What one import did: read = indexed + unchanged + failed. */
@Schema(description = "What one import did; read = indexed + unchanged + failed", additionalProperties = Schema.False.class)
public record ImportReport(
    @Schema(required = true, examples = "2025-04-16_01.txt") String file,
    @Schema(required = true, enumeration = { "text", "html", "json", "ndjson" }, description = "text, html, json or ndjson", examples = "text") String format,
    @Schema(required = true, description = "Articles found in the file, including records refused", examples = "7") int read,
    @Schema(required = true, description = "Articles written (new or changed)", examples = "6") int indexed,
    @Schema(required = true, description = "Articles already in the index with the same content", examples = "1") int unchanged,
    @Schema(required = true, description = "Records refused and articles Elasticsearch did not take", examples = "0") int failed,
    @Schema(required = true, description = "Each refused or failed record, by position, line and field") List<RejectedRecord> errors,
    @Schema(required = true, description = "Time the import took", examples = "412") long tookMs) {

    /** Tells an import's report from a dry run's answer (the discriminator of the import's answer). */
    @JsonProperty("kind")
    @Schema(required = true, enumeration = "report", description = "Always 'report'")
    public String getKind() {
        return "report";
    }

    /** Adds another file's report to this one (for imports of many files). */
    public ImportReport plus(ImportReport other) {
        List<RejectedRecord> all = new java.util.ArrayList<>(errors);
        all.addAll(other.errors);
        return new ImportReport(null, null, read + other.read, indexed + other.indexed, unchanged + other.unchanged,
            failed + other.failed, all, tookMs + other.tookMs);
    }
}
