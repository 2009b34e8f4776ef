package cn.changji.archive.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/** Problem reports written by the handlers that answer below JAX-RS ({@link HttpEdge}, {@link SearchRoute}). */
final class VertxProblems {
    private VertxProblems() {}

    /** Answers the problem as application/problem+json, as {@link ProblemExceptionMapper} would. */
    static void send(RoutingContext context, ObjectMapper mapper, ProblemException problem) {
        int status = problem.status();
        byte[] body;
        try {
            body = mapper.writeValueAsBytes(new Problem("about:blank", Problem.title(status), status, problem.getMessage(),
                context.request().path(), problem.errors()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem report always serializes", e);
        }
        context.response().setStatusCode(status)
            .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
            .putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        if (problem.retryAfterSeconds() != null) {
            context.response().putHeader(HttpHeaders.RETRY_AFTER, problem.retryAfterSeconds().toString());
        }
        context.response().end(Buffer.buffer(body));
    }
}
