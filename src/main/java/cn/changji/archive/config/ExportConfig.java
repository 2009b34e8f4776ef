package cn.changji.archive.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How result sets leave the archive: exports (CSV, NDJSON) and feeds. */
@ConfigMapping(prefix = "archive.export")
public interface ExportConfig {

    /** Most rows one export gives; a search with more hits is refused with a 400 that says so. */
    @WithDefault("100000")
    int maxRows();

    /** Hits read from Elasticsearch at a time: the most an export holds in memory at once. */
    @WithDefault("1000")
    int batchSize();

    /** Entries of a feed, newest first. */
    @WithDefault("50")
    int feedEntries();
}
