package cn.changji.archive.api;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import cn.changji.archive.config.RateLimitConfig;
import cn.changji.archive.observability.ArchiveMetrics;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A per-client limit on reads of the API (GET and HEAD under /api/): a token bucket per client address, refilled
 * at {@link RateLimitConfig#perSecond()} up to {@link RateLimitConfig#burst()}. A client over its limit gets 429
 * with Retry-After; others are not slowed down by it. Writes are keyed and not limited here. Applied to the resources
 * by {@link ReadRateLimitFilter}, and by {@link SearchRoute} to the searches it answers.
 */
@ApplicationScoped
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

    /** Refuses a read of the API (429) when its client is over the limit. */
    void check(String method, String path, HttpServerRequest connection) {
        if (config.perSecond() <= 0 || !(method.equals("GET") || method.equals("HEAD")) || !path.startsWith("/api/")) {
            return;
        }
        String client = client(connection);
        double wait = take(client);
        if (wait > 0) {
            metrics.rateLimited();
            long seconds = (long) Math.ceil(wait);
            throw new ProblemException(429, "Too many requests from " + client + ": this service answers "
                + config.perSecond() + " reads per second per client (bursts of " + config.burst() + "); retry in "
                + seconds + " s.").retryAfter(seconds);
        }
    }

    /**
     * Takes a token of the request's client if the limit lets it read now; false leaves the refusal (and its
     * count) to {@link #check}, which an empty bucket refuses too.
     */
    boolean admits(HttpServerRequest connection) {
        return config.perSecond() <= 0 || take(client(connection)) == 0;
    }

    private static String client(HttpServerRequest connection) {
        SocketAddress address = connection.remoteAddress();
        return address == null ? "unknown" : address.hostAddress();
    }

    /** 0 when the client had a token (now taken), else the seconds until it will have one. */
    private double take(String client) {
        long now = System.nanoTime();
        if (buckets.size() > MAX_TRACKED) {
            buckets.values().removeIf(bucket -> bucket.isFull(now, config));
        }
        return buckets.computeIfAbsent(client, c -> new Bucket(config.burst(), now)).take(now, config);
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
