package cn.changji.archive.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * When searches stop going to an Elasticsearch that keeps failing: after this many failures in a row (unreachable,
 * too slow, overloaded) reads answer 503 at once for a while, then one trial search tells whether it is back.
 */
@ConfigMapping(prefix = "archive.circuit-breaker")
public interface CircuitBreakerConfig {

    /** Failed searches in a row that open the breaker; 0 turns it off. */
    @WithDefault("5")
    int failures();

    /** How long reads are answered 503 without asking Elasticsearch before one is let through to try. */
    @WithDefault("5s")
    Duration openFor();
}
