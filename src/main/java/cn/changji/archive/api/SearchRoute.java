package cn.changji.archive.api;

import java.util.Locale;
import java.util.regex.Pattern;

import org.jboss.logging.MDC;

import com.fasterxml.jackson.databind.ObjectMapper;

import cn.changji.archive.config.HttpConfig;
import cn.changji.archive.failure.ArchiveException;
import cn.changji.archive.observability.ArchiveMetrics;
import cn.changji.archive.search.ArticleSearch;
import cn.changji.archive.search.MeaningSearch;
import cn.changji.archive.search.SearchAnswerJson;
import cn.changji.archive.search.SearchParams;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.ext.RuntimeDelegate;

/**
 * The short way through the service for GET /api/v1/articles/search with parameters that are all in order: a Vert.x
 * route that reads them, takes the client's token, runs the search and writes its answer, as {@link SearchResource}
 * would, without RESTEasy's request chain and Bean Validation around it (about 0.1 ms of the service's CPU per keyword
 * search, measured at concurrency 1 and 8: BENCHMARKS.md), and a keyword search without Mutiny and context
 * propagation either. Every other request goes on to the resource, which remains the endpoint of the OpenAPI
 * document: a value it refuses, a client over its read limit, an Accept header to negotiate, HEAD.
 */
@ApplicationScoped
public class SearchRoute {
    static final String PATH = "/api/v1/articles/search";
    /** After {@link HttpEdge}'s checks (-3) and the body handler (-2), before RESTEasy Reactive's routes. */
    private static final int ORDER = -1;
    private static final String JSON = "application/json;charset=UTF-8";
    /** A media range's weight that refuses it: q=0, 0., 0.0, ... */
    private static final Pattern REFUSED = Pattern.compile("q=0(\\.0*)?");

    private final ArticleSearch search;
    private final MeaningSearch meaning;
    private final ReadRateLimiter limiter;
    private final ArchiveMetrics metrics;
    private final ObjectMapper mapper;
    private final String cacheControl;

    SearchRoute(ArticleSearch search, MeaningSearch meaning, ReadRateLimiter limiter, ArchiveMetrics metrics,
                ObjectMapper mapper, HttpConfig http) {
        this.search = search;
        this.meaning = meaning;
        this.limiter = limiter;
        this.metrics = metrics;
        this.mapper = mapper;
        this.cacheControl = RuntimeDelegate.getInstance().createHeaderDelegate(CacheControl.class)
            .toString(CacheHeaders.publicFor(http.searchMaxAge()));
    }

    void install(@Observes Router router) {
        router.get(PATH).order(ORDER).handler(this::handle);
    }

    private void handle(RoutingContext context) {
        SearchParams params = plainSearch(context);
        if (params == null || !limiter.admits(context.request())) {
            context.next();
            return;
        }
        String id = RequestIds.idFor(context.request().getHeader(RequestIds.HEADER));
        MDC.put(RequestIds.MDC_KEY, id);
        HttpServerResponse response = context.response().putHeader(RequestIds.HEADER, id);
        Future<SearchAnswerJson> answered = params.mode() == SearchParams.Mode.KEYWORD ? search.searchNow(params)
            // the model's work happens on a worker thread; the answer is written on the request's context
            : Future.fromCompletionStage(meaning.search(params).subscribeAsCompletionStage(),
                context.vertx().getOrCreateContext());
        answered.onComplete(done -> {
            if (done.succeeded()) {
                response.putHeader(HttpHeaders.CONTENT_TYPE, JSON)
                    .putHeader(HttpHeaders.CACHE_CONTROL, cacheControl)
                    .end(done.result().buffer());
            } else {
                MDC.put(RequestIds.MDC_KEY, id); // the answer may arrive on another context than the request's
                VertxProblems.send(context, mapper, ProblemExceptionMapper.problemFor(done.cause(), PATH, metrics));
                MDC.remove(RequestIds.MDC_KEY);
            }
        });
        MDC.remove(RequestIds.MDC_KEY);
    }

    /** The search asked for, or null when the resource is to answer. */
    private static SearchParams plainSearch(RoutingContext context) {
        if (!acceptsJson(context.request().getHeader(HttpHeaders.ACCEPT))) {
            return null;
        }
        try {
            MultiMap query = context.queryParams();
            SearchRequest request = new SearchRequest();
            request.q = query.get("q");
            request.county = query.getAll("county");
            request.industry = query.getAll("industry");
            request.organization = query.getAll("organization");
            request.author = query.getAll("author");
            request.type = query.getAll("type");
            request.from = query.get("from");
            request.to = query.get("to");
            request.sort = query.get("sort");
            request.page = query.get("page");
            request.size = query.get("size");
            request.cursor = query.get("cursor");
            request.mode = query.get("mode");
            return request.wellFormed() ? request.params() : null;
        } catch (ArchiveException | IllegalArgumentException refused) {
            return null; // the resource answers it, with the problem report of its refusal
        }
    }

    /** Whether an Accept header takes JSON plainly (absent, or a range naming it without q=0). */
    static boolean acceptsJson(String accept) {
        if (accept == null || accept.isBlank()) {
            return true;
        }
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            String type = parts[0].strip().toLowerCase(Locale.ROOT);
            if (!type.equals("*/*") && !type.equals("application/*") && !type.equals("application/json")) {
                continue;
            }
            boolean refused = false;
            for (int i = 1; i < parts.length; i++) {
                String parameter = parts[i].strip().toLowerCase(Locale.ROOT);
                refused |= REFUSED.matcher(parameter).matches();
            }
            if (!refused) {
                return true;
            }
        }
        return false;
    }
}
