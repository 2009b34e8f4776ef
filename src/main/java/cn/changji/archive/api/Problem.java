package cn.changji.archive.api;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An RFC 9457 problem report: every error the API returns has this shape, as application/problem+json. */
@Schema(name = "Problem", description = "RFC 9457 problem report")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
    @Schema(description = "URI naming the kind of problem", examples = "about:blank") String type,
    @Schema(description = "Short summary of the kind of problem", examples = "Bad Request") String title,
    @Schema(description = "HTTP status code", examples = "400") int status,
    @Schema(description = "What went wrong in this request, and how to fix it", examples = "size must be at most 100") String detail,
    @Schema(description = "The request path", examples = "/api/v1/articles/search") String instance,
    @Schema(description = "The individual errors, when there are several (e.g. records refused by an import)") List<?> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public Problem(String type, String title, int status, String detail, String instance) {
        this(type, title, status, detail, instance, null);
    }
}
