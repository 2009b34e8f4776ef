package cn.changji.archive.api;

import java.util.stream.Collectors;

import org.jboss.logging.Logger;

import cn.changji.archive.failure.ArchiveException;
import cn.changji.archive.index.ElasticsearchFailures;
import cn.changji.archive.observability.ArchiveMetrics;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** The one place where failures become HTTP answers: application/problem+json, never a stack trace. */
@Provider
public class ProblemExceptionMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = Logger.getLogger(ProblemExceptionMapper.class);
    static final long RETRY_AFTER_SECONDS = 5;

    @Context
    UriInfo uriInfo;

    @Inject
    ArchiveMetrics metrics;

    @Override
    public Response toResponse(Throwable failure) {
        ProblemException problem = problemFor(failure, path(), metrics);
        Response.ResponseBuilder response = Response.fromResponse(respond(problem.status(), problem.getMessage(),
            problem.errors()));
        if (problem.status() == 401) {
            response.header("WWW-Authenticate", "ApiKey header=\"X-API-Key\", Bearer");
        }
        if (problem.retryAfterSeconds() != null) {
            response.header("Retry-After", problem.retryAfterSeconds());
        }
        return response.build();
    }

    /**
     * The problem a failure is to the caller, logged and counted where it is the cluster's or ours; shared by the
     * resources and {@link SearchRoute}, which answers outside JAX-RS.
     */
    static ProblemException problemFor(Throwable failure, String path, ArchiveMetrics metrics) {
        if (failure instanceof ProblemException problem) {
            return problem;
        }
        if (failure instanceof ArchiveException archive) {
            return problemOf(archive);
        }
        if (failure instanceof ConstraintViolationException violations) {
            return new ProblemException(400, detail(violations));
        }
        if (failure instanceof WebApplicationException web) {
            return new ProblemException(web.getResponse().getStatus(), web.getMessage());
        }
        if (ElasticsearchFailures.isMissingIndex(failure)) {
            LOG.warnf("The articles index is missing while serving %s: %s", path, ElasticsearchFailures.describe(failure));
            return new ProblemException(503, "The archive's index does not exist: nothing has been imported "
                + "yet, or it was deleted. Import articles (or restart the service to create an empty index) and retry.")
                .retryAfter(RETRY_AFTER_SECONDS);
        }
        java.util.Optional<String> refused = ElasticsearchFailures.accessRefusal(failure);
        if (refused.isPresent()) {
            // an operator's mistake, not our bug and not the caller's: the service cannot serve until it is fixed
            metrics.elasticsearchError("refused");
            LOG.errorf("Elasticsearch refused access while serving %s: %s", path, refused.get());
            return new ProblemException(503, refused.get()).retryAfter(RETRY_AFTER_SECONDS);
        }
        if (ElasticsearchFailures.isUnavailable(failure)) {
            metrics.elasticsearchError(ElasticsearchFailures.kind(failure));
            LOG.warnf("Elasticsearch unavailable while serving %s: %s", path, ElasticsearchFailures.describe(failure));
            return new ProblemException(503, "The search cluster is unavailable or too slow right now; retry shortly.")
                .retryAfter(RETRY_AFTER_SECONDS);
        }
        LOG.errorf(failure, "Unexpected failure serving %s", path);
        return new ProblemException(500, "An unexpected error occurred; it has been logged.");
    }

    /** The status each kind of the features' failures deserves; the cluster's failures say when to come back. */
    static ProblemException problemOf(ArchiveException failure) {
        int status = switch (failure.kind()) {
            case INVALID -> 400;
            case NOT_FOUND -> 404;
            case TOO_LARGE -> 413;
            case UNSUPPORTED -> 415;
            case UNPROCESSABLE -> 422;
            case UNAVAILABLE -> 503;
        };
        ProblemException problem = new ProblemException(status, failure.getMessage(), failure.errors());
        if (failure.kind() == ArchiveException.Kind.UNAVAILABLE) {
            problem.retryAfter(failure.retryAfterSeconds() != null ? failure.retryAfterSeconds() : RETRY_AFTER_SECONDS);
        }
        return problem;
    }

    private Response respond(int status, String detail, java.util.List<?> errors) {
        return respond(status, detail, errors, uriInfo);
    }

    /** A problem report: the status, its reason phrase as title, the detail, the request's path. */
    static Response respond(int status, String detail, java.util.List<?> errors, UriInfo uriInfo) {
        return Response.status(status)
            .type(Problem.MEDIA_TYPE)
            .header(HttpHeaders.CACHE_CONTROL, "no-store")
            .entity(new Problem("about:blank", Problem.title(status), status, detail, pathOf(uriInfo), errors))
            .build();
    }

    private String path() {
        return pathOf(uriInfo);
    }

    private static String pathOf(UriInfo uriInfo) {
        return uriInfo == null ? null : "/" + uriInfo.getPath().replaceFirst("^/", "");
    }

    /** Every parameter refused, with why, in a stable order. */
    static String detail(ConstraintViolationException violations) {
        return violations.getConstraintViolations().stream()
            .map(ProblemExceptionMapper::describe)
            .sorted()
            .collect(Collectors.joining("; "));
    }

    private static String describe(ConstraintViolation<?> violation) {
        String property = violation.getPropertyPath().toString();
        String parameter = property.substring(property.lastIndexOf('.') + 1);
        return "Query parameter '" + parameter + "' " + violation.getMessage();
    }
}
