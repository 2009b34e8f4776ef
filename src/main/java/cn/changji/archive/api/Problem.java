package cn.changji.archive.api;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An RFC 9457 problem report: every error the API returns has this shape, as application/problem+json. */
@Schema(name = "Problem", description = "RFC 9457 problem report")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
    @Schema(required = true, description = "URI naming the kind of problem", examples = "about:blank") String type,
    @Schema(required = true, description = "Short summary of the kind of problem", examples = "Bad Request") String title,
    @Schema(required = true, minimum = "400", maximum = "599", description = "HTTP status code", examples = "400") int status,
    @Schema(required = true, description = "What went wrong in this request, and how to fix it",
        examples = "Query parameter 'size' must be at most 100, got 500.") String detail,
    @Schema(description = "The request path", examples = "/api/v1/articles/search") String instance,
    @Schema(description = "The individual errors, when there are several: records refused by an import, or lines of a "
        + "synonyms list, each a sentence") List<?> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public Problem(String type, String title, int status, String detail, String instance) {
        this(type, title, status, detail, instance, null);
    }

    /** The reason phrase of a status, as the problem's title. */
    public static String title(int status) {
        jakarta.ws.rs.core.Response.StatusType known = jakarta.ws.rs.core.Response.Status.fromStatusCode(status);
        return known != null ? known.getReasonPhrase() : status == 422 ? "Unprocessable Content" : "HTTP " + status; // JAX-RS names no 422
    }
}
