package cn.changji.archive.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How searches run. */
@ConfigMapping(prefix = "archive.search")
public interface SearchConfig {

    /** Server-side time limit of a search; a search that takes longer gets 503. */
    @WithDefault("5s")
    Duration timeout();

    /** How long a cursor stays valid after its last use. */
    @WithDefault("5m")
    Duration cursorKeepAlive();

    /** Synonyms used until an editor replaces them through the API (built-in: search/synonyms.txt). */
    Optional<Path> synonymsFile();

    /** Largest synonyms list a PUT takes. */
    @WithDefault("1M")
    MemorySize synonymsMaxSize();

    /** How often a running service picks up synonyms another instance stored. */
    @WithDefault("10s")
    Duration synonymsRefresh();
}
