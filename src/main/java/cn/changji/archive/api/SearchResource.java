package cn.changji.archive.api;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import org.jboss.resteasy.reactive.RestResponse;

import cn.changji.archive.search.ArticleSearch;
import cn.changji.archive.search.MeaningSearch;
import io.smallrye.mutiny.Uni;
import cn.changji.archive.search.SearchAnswer;
import cn.changji.archive.search.SearchAnswerJson;
import cn.changji.archive.search.SearchParams;
import cn.changji.archive.config.HttpConfig;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The search endpoint as the OpenAPI document describes it. Plain searches, by keyword or by meaning, take
 * {@link SearchRoute}'s shorter way to the same {@link ArticleSearch} and {@link MeaningSearch}; this resource answers
 * the rest: HEAD, refused parameters (Bean Validation's and the search's own), clients over their read limit, Accept
 * headers to negotiate.
 */
@Path("/api/v1/articles/search")
@Tag(name = "Search", description = "Keyword search with facets, suggestions and the synonyms searches apply")
public class SearchResource {
    private final ArticleSearch search;
    private final MeaningSearch meaning;
    private final HttpConfig http;

    SearchResource(ArticleSearch search, MeaningSearch meaning, HttpConfig http) {
        this.search = search;
        this.meaning = meaning;
        this.http = http;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "searchArticles", summary = "Search the archive: Chinese keywords, facets, date range, sorting, pages or a cursor",
        description = "Words must all match (title above body, newer pieces win ties); \"exact phrase\" (or “…”) "
            + "matches that string of characters; -word excludes; a OR b matches either. Synonyms editors maintain "
            + "apply. Facets are multi-select: each is counted under every filter except its own. Page numbers reach "
            + "the first 10,000 hits; beyond, start with cursor=* and pass each answer's nextCursor. mode=hybrid "
            + "adds articles that mean the same in other words (search by meaning, 按意思搜).")
    @APIResponse(responseCode = "200", description = "A page of hits with facet counts",
        headers = @Header(name = HttpHeaders.CACHE_CONTROL, description = "public, max-age=<archive.http.search-max-age>",
            schema = @Schema(type = SchemaType.STRING)),
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SearchAnswer.class)))
    @APIResponse(responseCode = "400", description = "Bad parameter: size over 100, page past 10,000 hits, bad or "
        + "reversed dates, unknown sort or mode, query over 500 characters, malformed or expired cursor, a sort by date "
        + "or a cursor with mode hybrid or semantic",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "Elasticsearch unreachable or too slow; retry after Retry-After",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<byte[]>> search(@Valid @BeanParam SearchRequest request) {
        // the answer comes as the JSON of SearchAnswer, written while Elasticsearch's answer was read
        SearchParams params = request.params();
        Uni<SearchAnswerJson> answered = params.mode() == SearchParams.Mode.KEYWORD ? search.search(params) : meaning.search(params);
        return answered.map(answer -> RestResponse.ResponseBuilder.ok(answer.json())
            .cacheControl(CacheHeaders.publicFor(http.searchMaxAge())).build());
    }
}
