package cn.changji.archive.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The articles index: the alias every read and write goes through, and how the versioned index behind it is created. */
@ConfigMapping(prefix = "archive.index")
public interface IndexConfig {

    /** Alias searched and written; the versioned index behind it is {@code <alias>-v<N>}. */
    @WithDefault("articles")
    String alias();

    /** Primary shards of a newly created index. */
    @WithDefault("1")
    int shards();

    /** Replicas of a newly created index (0 on a single local node, at least 1 on a cluster). */
    @WithDefault("0")
    int replicas();

    /** Pause between attempts to create the index while Elasticsearch is unreachable. */
    @WithDefault("5s")
    Duration bootstrapRetry();
}
