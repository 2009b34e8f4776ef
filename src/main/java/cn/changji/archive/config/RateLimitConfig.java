package cn.changji.archive.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How many reads (searches, suggestions, articles) one client may send: a token bucket per client address. Behind
 * an ingress, set quarkus.http.proxy.proxy-address-forwarding so the address is the client's, not the ingress's.
 */
@ConfigMapping(prefix = "archive.rate-limit")
public interface RateLimitConfig {

    /** Sustained requests per second per client; 0 turns the limit off. */
    @WithDefault("20")
    double perSecond();

    /** Requests a client may send at once after a quiet while. */
    @WithDefault("40")
    int burst();
}
