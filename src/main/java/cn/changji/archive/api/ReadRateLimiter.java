package cn.changji.archive.api;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import cn.changji.archive.config.RateLimitConfig;
import cn.changji.archive.observability.ArchiveMetrics;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import jakarta.ws.rs.container.ContainerRequestContext;

/**
 * A per-client limit on reads of the API (GET and HEAD under /api/): a token bucket per client address, refilled
 * at {@link RateLimitConfig#perSecond()} up to {@link RateLimitConfig#burst()}. A client over its limit gets 429
 * with Retry-After; others are not slowed down by it. Writes are keyed and not limited here.
 */
public class ReadRateLimiter {
    /** Past this many clients, buckets that have refilled completely are forgotten. */
    private static final int MAX_TRACKED = 10_000;

    private final RateLimitConfig config;
    private final ArchiveMetrics metrics;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    ReadRateLimiter(RateLimitConfig config, ArchiveMetrics metrics) {
        this.config = config;
        this.metrics = metrics;
    }

    @ServerRequestFilter(preMatching = true)
    public void check(ContainerRequestContext request, HttpServerRequest connection) {
        String method = request.getMethod();
        if (config.perSecond() <= 0 || !(method.equals("GET") || method.equals("HEAD"))
            || !request.getUriInfo().getPath().startsWith("/api/")) {
            return;
        }
        SocketAddress address = connection.remoteAddress();
        String client = address == null ? "unknown" : address.hostAddress();
        long now = System.nanoTime();
        if (buckets.size() > MAX_TRACKED) {
            buckets.values().removeIf(bucket -> bucket.isFull(now, config));
        }
        double wait = buckets.computeIfAbsent(client, c -> new Bucket(config.burst(), now)).take(now, config);
        if (wait > 0) {
            metrics.rateLimited();
            long seconds = (long) Math.ceil(wait);
            throw new ProblemException(429, "Too many requests from " + client + ": this service answers "
                + config.perSecond() + " reads per second per client (bursts of " + config.burst() + "); retry in "
                + seconds + " s.").retryAfter(seconds);
        }
    }

    /** Tokens left and when they were last counted. */
    private static final class Bucket {
        private double tokens;
        private long counted;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.counted = now;
        }

        /** Takes a token: 0 when there was one, else the seconds until there will be. */
        synchronized double take(long now, RateLimitConfig config) {
            refill(now, config);
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (1 - tokens) / config.perSecond();
        }

        synchronized boolean isFull(long now, RateLimitConfig config) {
            refill(now, config);
            return tokens >= config.burst();
        }

        private void refill(long now, RateLimitConfig config) {
            tokens = Math.min(config.burst(), tokens + (now - counted) / 1e9 * config.perSecond());
            counted = now;
        }
    }
}
