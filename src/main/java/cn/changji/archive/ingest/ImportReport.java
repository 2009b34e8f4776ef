package cn.changji.archive.ingest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import cn.changji.archive.article.RejectedRecord;

/** What one import did: read = indexed + unchanged + failed. */
@Schema(description = "What one import did; read = indexed + unchanged + failed")
public record ImportReport(
    @Schema(examples = "2025-04-16_01.txt") String file,
    @Schema(description = "text, html, json or ndjson", examples = "text") String format,
    @Schema(description = "Articles found in the file, including records refused", examples = "7") int read,
    @Schema(description = "Articles written (new or changed)", examples = "6") int indexed,
    @Schema(description = "Articles already in the index with the same content", examples = "1") int unchanged,
    @Schema(description = "Records refused and articles Elasticsearch did not take", examples = "0") int failed,
    @Schema(description = "Each refused or failed record, by position, line and field") List<RejectedRecord> errors,
    @Schema(description = "Time the import took", examples = "412") long tookMs) {

    /** Adds another file's report to this one (for imports of many files). */
    public ImportReport plus(ImportReport other) {
        List<RejectedRecord> all = new java.util.ArrayList<>(errors);
        all.addAll(other.errors);
        return new ImportReport(null, null, read + other.read, indexed + other.indexed, unchanged + other.unchanged,
            failed + other.failed, all, tookMs + other.tookMs);
    }
}
