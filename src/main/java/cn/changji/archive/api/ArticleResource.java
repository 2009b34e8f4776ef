package cn.changji.archive.api;

import java.io.IOException;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.databind.ObjectMapper;

import cn.changji.archive.article.Article;
import cn.changji.archive.config.HttpConfig;
import cn.changji.archive.failure.Parameters;
import cn.changji.archive.index.ArticleStore;
import cn.changji.archive.ingest.ArticleImporter;
import cn.changji.archive.ingest.ImportFormat;
import cn.changji.archive.ingest.ImportReport;
import cn.changji.archive.ingest.TextPageReader;
import cn.changji.archive.search.ArticleSearch;
import cn.changji.archive.search.SearchAnswer;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

@Path("/api/v1/articles")
@Tag(name = "Articles", description = "Single articles: read, related, index, delete")
public class ArticleResource {
    private static final int MAX_RELATED = 20;
    /** How related articles were found: by meaning, or by words while the article has no vector yet. */
    static final String RELATED_BY = "X-Related-By";

    private final ArticleImporter importer;
    private final ArticleStore store;
    private final ArticleSearch search;
    private final HttpConfig http;
    private final ObjectMapper mapper;

    ArticleResource(ArticleImporter importer, ArticleStore store, ArticleSearch search, HttpConfig http,
                    ObjectMapper mapper) {
        this.importer = importer;
        this.store = store;
        this.search = search;
        this.http = http;
        this.mapper = mapper;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "addArticles", summary = "Index structured articles: a JSON array, one article, {\"articles\": [...]} or NDJSON",
        description = "Each record is checked against the article model; bad records are refused one by one with "
            + "line, field and reason, the good ones are indexed. Fields left out (id, authors, type, counties, "
            + "industries) are filled in as for imported pages.")
    @RequestBody(required = true, content = { @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Article[].class)),
        @Content(mediaType = "application/x-ndjson") })
    @APIResponse(responseCode = "200", description = "The import report",
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ImportReport.class)))
    @APIResponse(responseCode = "400", description = "Undecodable bytes",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "Neither JSON nor NDJSON",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "No record could be taken; errors lists each",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ImportReport add(
        @Parameter(description = "Name recorded as the articles' source") @QueryParam("filename") String filename,
        @HeaderParam("Content-Type") String contentType, byte[] body) throws IOException {
        ImportFormat format = ImportFormat.ofMediaType(contentType)
            .filter(f -> f == ImportFormat.JSON || f == ImportFormat.NDJSON)
            .orElseThrow(() -> new ProblemException(415, "Send articles as application/json or application/x-ndjson, not "
                + (contentType == null ? "without a Content-Type" : contentType) + "; pages go to /api/v1/imports."));
        String name = filename == null || filename.isBlank() ? "request." + format.label() : filename.strip();
        return importer.importFile(new ArticleImporter.Upload(name, body == null ? new byte[0] : body, null, format),
            TextPageReader.Stated.NOTHING);
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getArticle", summary = "One article, in full")
    @APIResponse(responseCode = "200", description = "The article",
        headers = { @Header(name = HttpHeaders.ETAG, description = "Changes when the article does; send it back as If-None-Match",
                        required = true, schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = HttpHeaders.CACHE_CONTROL, description = "public, must-revalidate, max-age=<archive.http.article-max-age>",
                        schema = @Schema(type = SchemaType.STRING)) },
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Article.class)))
    @APIResponse(responseCode = "304", description = "Not modified: the If-None-Match sent names the article as it is",
        headers = @Header(name = HttpHeaders.ETAG, required = true, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", description = "No article with this id",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RestResponse<byte[]> get(@PathParam("id") String id, @Context Request request) throws IOException {
        Article article = store.get(id).orElseThrow(() -> notFound(id));
        byte[] representation = mapper.writeValueAsBytes(article);
        EntityTag tag = CacheHeaders.etagOf(representation);
        Response.ResponseBuilder unchanged = request.evaluatePreconditions(tag);
        RestResponse.ResponseBuilder<byte[]> answer = unchanged != null
            ? RestResponse.ResponseBuilder.<byte[]>notModified(tag)
            : RestResponse.ResponseBuilder.ok(representation, MediaType.APPLICATION_JSON_TYPE).tag(tag);
        return answer.cacheControl(CacheHeaders.revalidateAfter(http.articleMaxAge())).build();
    }

    @GET
    @Path("/{id}/related")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "relatedArticles", summary = "Articles nearest in meaning to this one, never the article itself",
        description = "The nearest neighbours of the article's vector; while it has none yet (vectors are computed in the "
            + "background after an import, see GET /api/v1/vectors), articles like it by their words (more like this "
            + "on title and body). The X-Related-By header says which.")
    @APIResponse(responseCode = "200", headers = @Header(name = RELATED_BY, description = "meaning (its vector's nearest "
        + "neighbours) or words (more like this, while it has no vector)", schema = @Schema(type = SchemaType.STRING,
        enumeration = { "meaning", "words" })),
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SearchAnswer.Hit[].class)))
    @APIResponse(responseCode = "400", description = "size not a whole number from 1 to 20, or within naming something "
        + "other than county, industry, organization, author, type",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No article with this id",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RestResponse<List<SearchAnswer.Hit>> related(@PathParam("id") String id,
        @Parameter(description = "How many (default 5, at most 20)", example = "5",
            schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "20")) @QueryParam("size") String size,
        @Parameter(description = "Only articles sharing a value of each of these facets with this one (comma-separated: "
            + "county, industry, organization, author, type; a facet the article has no value of is left out)",
            example = "county") @QueryParam("within") String within) throws IOException {
        Integer count = Parameters.positiveInt("size", size);
        if (count != null && count > MAX_RELATED) {
            throw new ProblemException(400, "Query parameter 'size' must be at most " + MAX_RELATED + ", got " + count + ".");
        }
        ArticleSearch.Related related = search.related(id, count == null ? 5 : count, ArticleSearch.relatedWithin(within))
            .orElseThrow(() -> notFound(id));
        return RestResponse.ResponseBuilder.ok(related.hits())
            .header(RELATED_BY, related.byMeaning() ? "meaning" : "words")
            .cacheControl(CacheHeaders.publicFor(http.searchMaxAge())).build();
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "deleteArticle", summary = "Delete one article; searches no longer find it once this answers")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No article with this id",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response delete(@PathParam("id") String id) throws IOException {
        if (!store.delete(id)) {
            throw notFound(id);
        }
        return Response.noContent().build();
    }

    private static ProblemException notFound(String id) {
        return new ProblemException(404, "No article with id '" + id + "'.");
    }
}
