package cn.changji.archive.config;

import java.time.Duration;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** What the API promises about its HTTP answers: how long they may be cached, how long a request may be. */
@ConfigMapping(prefix = "archive.http")
public interface HttpConfig {

    /** How long browsers and proxies may reuse a search, suggestion or related-articles answer (Cache-Control max-age). */
    @WithDefault("10s")
    Duration searchMaxAge();

    /** How long an article may be reused before it is revalidated with its ETag (If-None-Match answers 304). */
    @WithDefault("60s")
    Duration articleMaxAge();

    /**
     * Longest request line (method, path and query) answered; a longer one gets a 414 problem report. Keep it below
     * quarkus.http.limits.max-initial-line-length, where the HTTP codec closes the connection with a bare 414.
     */
    @WithDefault("64K")
    MemorySize maxRequestLine();

    /**
     * Largest total size of the request headers answered; more gets a 431 problem report. Keep it below
     * quarkus.http.limits.max-header-size, where the HTTP codec answers a bare 431.
     */
    @WithDefault("32K")
    MemorySize maxHeaders();
}
