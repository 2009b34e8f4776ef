package cn.changji.archive.api;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ContainerRequestContext;

/** {@link ReadRateLimiter} in front of the resources. */
public class ReadRateLimitFilter {
    private final ReadRateLimiter limiter;

    ReadRateLimitFilter(ReadRateLimiter limiter) {
        this.limiter = limiter;
    }

    @ServerRequestFilter(preMatching = true)
    public void check(ContainerRequestContext request, HttpServerRequest connection) {
        limiter.check(request.getMethod(), request.getUriInfo().getPath(), connection);
    }
}
