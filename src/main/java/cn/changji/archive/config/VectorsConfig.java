package cn.changji.archive.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the service computes the articles' vectors (search by meaning) in the background. */
@ConfigMapping(prefix = "archive.vectors")
public interface VectorsConfig {

    /**
     * Whether the service computes vectors for articles that have none, in one background thread. The command line's
     * {@code vectors} command computes them in the foreground either way.
     */
    @WithDefault("true")
    boolean enabled();

    /** Articles read, embedded and stored at a time. */
    @WithDefault("16")
    int batchSize();

    /**
     * Share of one core the background thread may take: after a batch that took t it rests t × (1 − share) / share.
     * Elasticsearch and the searches have the rest.
     */
    @WithDefault("0.5")
    double cpuShare();

    /** How long the background thread rests when someone else wrote articles since its last batch (an import). */
    @WithDefault("15s")
    Duration importPause();

    /** How long it rests, once every article has a vector, before it looks for new ones. */
    @WithDefault("30s")
    Duration idlePause();
}
