package cn.changji.archive.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import cn.changji.archive.search.SynonymStore;
import cn.changji.archive.config.SearchConfig;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("/api/v1/synonyms")
@Tag(name = "Search", description = "Keyword search with facets, suggestions and the synonyms searches apply")
public class SynonymResource {
    private static final String TEXT = "text/plain;charset=UTF-8";
    private static final String EXAMPLE = "# one group per line\n中科院 = 中国科学院\n高新区 = 昌吉国家高新技术产业开发区\n";

    private final SynonymStore store;
    private final SearchConfig config;

    SynonymResource(SynonymStore store, SearchConfig config) {
        this.store = store;
        this.config = config;
    }

    @GET
    @Produces(TEXT)
    @Operation(operationId = "getSynonyms", summary = "The synonyms applied to searches, in their file format")
    @APIResponse(responseCode = "200", description = "The list in force",
        content = @Content(mediaType = "text/plain", schema = @Schema(type = SchemaType.STRING), example = EXAMPLE))
    public String read() {
        return store.current().text();
    }

    @PUT
    @Consumes(MediaType.WILDCARD)
    @Produces(TEXT)
    @Operation(operationId = "replaceSynonyms", summary = "Replace the synonyms; searches use them at once, no reindexing",
        description = "One group of equivalent terms per line, separated by '=' or ','; lines starting with # are "
            + "comments. A list with a bad line is refused whole, naming the lines.")
    @RequestBody(required = true, content = @Content(mediaType = "text/plain", schema = @Schema(type = SchemaType.STRING), example = EXAMPLE))
    @APIResponse(responseCode = "200", description = "The list now in force",
        content = @Content(mediaType = "text/plain", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "A bad line; nothing changed",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public String replace(byte[] body) throws IOException {
        if (body != null && body.length > config.synonymsMaxSize().asLongValue()) {
            throw new ProblemException(413, "The synonyms list has " + body.length + " bytes; at most "
                + config.synonymsMaxSize().asLongValue() + " are taken.");
        }
        String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
        return store.replace(text).text();
    }
}
