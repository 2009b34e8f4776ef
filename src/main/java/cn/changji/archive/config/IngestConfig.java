package cn.changji.archive.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How files become articles and how articles reach the index. */
@ConfigMapping(prefix = "archive.ingest")
public interface IngestConfig {

    /** The county vocabulary and aliases, replacing the built-in ingest/counties.txt (same format). */
    Optional<Path> countiesFile();

    /** The industry keyword lists, replacing the built-in ingest/industries.txt (same format). */
    Optional<Path> industriesFile();

    /** The editors' list of organisations and their other names, replacing the built-in ingest/organizations.txt (same format). */
    Optional<Path> organizationsFile();

    /** Largest file one import takes; a larger body gets 413. */
    @WithDefault("16M")
    MemorySize maxFileSize();

    /** Bulk requests carry at most this many articles... */
    @WithDefault("500")
    int bulkMaxArticles();

    /** ...and at most this many bytes. */
    @WithDefault("5M")
    MemorySize bulkMaxSize();

    /** Bulk requests in flight at once per import. */
    @WithDefault("2")
    int bulkConcurrency();

    /** Attempts for articles Elasticsearch refuses with 429 (too many requests), with exponential backoff. */
    @WithDefault("6")
    int bulkMaxRetries();

    /** First pause before a retry; it doubles each time. */
    @WithDefault("200ms")
    Duration bulkRetryBackoff();
}
