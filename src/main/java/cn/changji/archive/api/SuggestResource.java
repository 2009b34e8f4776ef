package cn.changji.archive.api;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import org.jboss.resteasy.reactive.RestResponse;

import cn.changji.archive.search.ArticleSearch;
import cn.changji.archive.config.HttpConfig;
import cn.changji.archive.failure.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

@Path("/api/v1/suggest")
@Tag(name = "Search", description = "Keyword search with facets, suggestions and the synonyms searches apply")
public class SuggestResource {
    static final int MAX_PREFIX = 50;
    static final int MAX_SIZE = 20;

    private final ArticleSearch search;
    private final HttpConfig http;

    SuggestResource(ArticleSearch search, HttpConfig http) {
        this.search = search;
        this.http = http;
    }

    /** The completions, for a search box. */
    @Schema(description = "Completions of what is being typed")
    public record Suggestions(@Schema(required = true, examples = "[\"昌吉州与中科院举行科技合作座谈会\", \"昌吉市\"]") List<String> suggestions) {}

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "suggest", summary = "Completions as a journalist types: titles, authors, places and organisations starting with q")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
        schema = @Schema(implementation = Suggestions.class)))
    @APIResponse(responseCode = "400", description = "q missing or over 50 characters, size over 20",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<Suggestions>> suggest(@Parameter(description = "What has been typed so far", example = "昌吉", required = true) @QueryParam("q") String q,
                               @Parameter(description = "At most this many (default 10, at most 20)", example = "10",
                                   schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.INTEGER, minimum = "1", maximum = "20")) @QueryParam("size") String size) {
        if (q == null || q.isBlank()) {
            throw new ProblemException(400, "Query parameter 'q' is required: the beginning of a title, name or place.");
        }
        if (q.strip().length() > MAX_PREFIX) {
            throw new ProblemException(400, "Query parameter 'q' must be at most " + MAX_PREFIX + " characters.");
        }
        Integer count = Parameters.positiveInt("size", size);
        if (count != null && count > MAX_SIZE) {
            throw new ProblemException(400, "Query parameter 'size' must be at most " + MAX_SIZE + ", got " + count + ".");
        }
        return search.suggest(q.strip(), count == null ? 10 : count).map(texts -> RestResponse.ResponseBuilder
            .ok(new Suggestions(texts)).cacheControl(CacheHeaders.publicFor(http.searchMaxAge())).build());
    }
}
