package cn.changji.archive.api;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import cn.changji.archive.config.ExportConfig;
import cn.changji.archive.config.HttpConfig;
import cn.changji.archive.export.AtomFeed;
import cn.changji.archive.export.Permalinks;
import cn.changji.archive.search.ArticleSearch;
import cn.changji.archive.search.SearchParams;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

@Path("/api/v1/articles/feed")
@Tag(name = "Search")
public class FeedResource {
    private final ArticleSearch search;
    private final ExportConfig export;
    private final HttpConfig http;

    FeedResource(ArticleSearch search, ExportConfig export, HttpConfig http) {
        this.search = search;
        this.export = export;
        this.http = http;
    }

    @GET
    @Produces(AtomFeed.MEDIA_TYPE)
    @Operation(operationId = "articleFeed", summary = "Follow a search: its newest hits as an Atom 1.0 feed",
        description = "Takes the search's parameters (q, facets, from, to) and gives its newest hits (archive.export.feed-entries, "
            + "50), newest first, each with title, link to the article page, date, authors and snippet. The feed's id "
            + "comes from the search and an entry's from its article, so a feed reader shows what is new and nothing twice.")
    @APIResponse(responseCode = "200", description = "The feed",
        content = @Content(mediaType = AtomFeed.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING),
            examples = @ExampleObject(name = "feed", value = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><feed xmlns=\"http://www.w3.org/2005/Atom\">"
                + "<id>urn:changji-archive:search:…</id><title>昌吉日报 · 新能源</title><updated>2025-04-16T00:00:00+08:00</updated>…</feed>")))
    @APIResponse(responseCode = "400", description = "Bad parameter, as for a search",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<byte[]>> feed(@Valid @BeanParam SearchFilters filters, @Context UriInfo uri) {
        SearchParams asked = filters.params(null, null, null);
        SearchParams newest = asked.newest(export.feedEntries());
        String description = filters.description();
        String title = "昌吉日报 · " + (description.isEmpty() ? "最新文章" : description);
        Permalinks permalinks = new Permalinks(uri.getBaseUri().toString());
        String self = uri.getRequestUri().toString();
        return search.searchAnswer(newest).map(answer -> RestResponse.ResponseBuilder
            .ok(AtomFeed.of(filters.canonicalQuery(), title, self, permalinks, answer.hits(), OffsetDateTime.now(ZoneOffset.UTC)),
                MediaType.valueOf(AtomFeed.MEDIA_TYPE + "; charset=UTF-8"))
            .cacheControl(CacheHeaders.publicFor(http.searchMaxAge())).build());
    }
}
