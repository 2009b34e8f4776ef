package cn.changji.archive.api;

import java.util.Map;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.ObjectMapper;

import cn.changji.archive.config.HttpConfig;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The limits of a request, checked before anything reads it, answered as problem reports like every other refusal:
 * a request line over {@link HttpConfig#maxRequestLine()} (414), headers over {@link HttpConfig#maxHeaders()}
 * (431), a body declared over quarkus.http.limits.max-body-size (413; the HTTP layer would close the connection
 * with an empty 413). Runs ahead of the HTTP layer's own body-size check. Every answer also varies by Origin, as
 * CORS answers name the origin: a shared cache must not hand one site's answer to another.
 */
@ApplicationScoped
public class HttpEdge {
    /** Before Quarkus' own max-body-size check (route order -2). */
    private static final int ORDER = -3;

    private final HttpConfig config;
    private final MemorySize maxBodySize;
    private final ObjectMapper mapper;

    HttpEdge(HttpConfig config, @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize,
               ObjectMapper mapper) {
        this.config = config;
        this.maxBodySize = maxBodySize;
        this.mapper = mapper;
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::check);
    }

    private void check(RoutingContext context) {
        HttpServerRequest request = context.request();
        context.response().putHeader(HttpHeaders.VARY, "Origin");
        long line = request.method().name().length() + request.uri().length() + " HTTP/1.1".length() + 1;
        if (line > config.maxRequestLine().asLongValue()) {
            refuse(context, 414, "The request line has " + line + " bytes; this service takes at most "
                + config.maxRequestLine().asLongValue() + ". Send fewer or shorter query parameters.");
            return;
        }
        long headers = 0;
        for (Map.Entry<String, String> header : request.headers()) {
            headers += header.getKey().length() + header.getValue().length() + 4;
        }
        if (headers > config.maxHeaders().asLongValue()) {
            refuse(context, 431, "The request headers have " + headers + " bytes; this service takes at most "
                + config.maxHeaders().asLongValue() + ".");
            return;
        }
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && length.chars().allMatch(Character::isDigit) && length.length() < 19
            && Long.parseLong(length) > maxBodySize.asLongValue()) {
            refuse(context, 413, "The request body has " + length + " bytes; this service reads at most "
                + maxBodySize.asLongValue() + " (files for import: see archive.ingest.max-file-size).");
            return;
        }
        context.next();
    }

    private void refuse(RoutingContext context, int status, String detail) {
        context.response().putHeader(HttpHeaders.CONNECTION, "close"); // the rest of an oversized request is not read
        VertxProblems.send(context, mapper, new ProblemException(status, detail));
    }
}
