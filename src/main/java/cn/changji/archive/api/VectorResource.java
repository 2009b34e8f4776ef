package cn.changji.archive.api;

import java.io.IOException;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import cn.changji.archive.meaning.VectorFiller;
import cn.changji.archive.meaning.VectorProgress;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("/api/v1/vectors")
@Tag(name = "Operations", description = "The state of the archive's background work")
public class VectorResource {
    private final VectorFiller filler;

    VectorResource(VectorFiller filler) {
        this.filler = filler;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getVectorProgress", summary = "How many articles have a vector (search by meaning) and how "
        + "many are still to do",
        description = "Articles are searchable by their words as soon as they are imported; their vectors are computed "
            + "after, in the background, resting while imports run. This counts them and says what this instance is doing.")
    @APIResponse(responseCode = "200", description = "The counts, and this instance's background thread",
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = VectorProgress.class)))
    public VectorProgress progress() throws IOException {
        return filler.progress();
    }
}
