package cn.changji.archive.api;

import java.io.IOException;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.DiscriminatorMapping;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import cn.changji.archive.ingest.ArticleImporter;
import cn.changji.archive.ingest.DryRunAnswer;
import cn.changji.archive.ingest.Extraction;
import cn.changji.archive.ingest.ImportFormat;
import cn.changji.archive.ingest.ImportReport;
import cn.changji.archive.ingest.TextPageReader;
import cn.changji.archive.failure.Parameters;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

@Path("/api/v1/imports")
@Tag(name = "Ingestion", description = "Import pages and files of the paper")
public class ImportResource {
    private final ArticleImporter importer;

    ImportResource(ArticleImporter importer) {
        this.importer = importer;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "importFile", summary = "Import one file: a page's text, a web-edition HTML page, JSON or NDJSON articles",
        description = "The file is the request body. Its charset is the Content-Type's, else detected (UTF-8, else "
            + "GB18030/GBK). Importing the same file again changes nothing. With dryRun=true the extracted articles "
            + "are returned and nothing is indexed.")
    @RequestBody(required = true, description = "The file as it is: a page's text, a web page, JSON or NDJSON", content = {
        @Content(mediaType = "text/plain", schema = @Schema(type = SchemaType.STRING)),
        @Content(mediaType = "text/html", schema = @Schema(type = SchemaType.STRING)),
        @Content(mediaType = "application/json", schema = @Schema(type = SchemaType.STRING)),
        @Content(mediaType = "application/x-ndjson", schema = @Schema(type = SchemaType.STRING)) })
    @APIResponse(responseCode = "200", description = "The import report, or with dryRun the articles",
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(oneOf = { ImportReport.class, DryRunAnswer.class }, discriminatorProperty = "kind",
            discriminatorMapping = { @DiscriminatorMapping(value = "report", schema = ImportReport.class),
                @DiscriminatorMapping(value = "dryRun", schema = DryRunAnswer.class) })))
    @APIResponse(responseCode = "400", description = "Empty file, undecodable bytes or a bad parameter",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "File over archive.ingest.max-file-size",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "Binary file or unknown format",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Nothing in the file could be taken; errors lists each record",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "Elasticsearch unavailable; retry later",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Object importFile(
        @Parameter(description = "The file's name: kept as the articles' source; a date in it (2025-04-16_01.txt) "
            + "dates pages that carry none", example = "2025-04-16_01.txt") @QueryParam("filename") String filename,
        @Parameter(description = "Date of the issue, for pages without a masthead", example = "2025-04-16",
            schema = @Schema(type = SchemaType.STRING, format = "date"))
        @QueryParam("publishedOn") String publishedOn,
        @Parameter(description = "总第N期, for pages without a masthead", example = "12234", schema = @Schema(type = SchemaType.INTEGER, minimum = "1")) @QueryParam("issueNumber") String issueNumber,
        @Parameter(description = "Page (版) number", example = "1", schema = @Schema(type = SchemaType.INTEGER, minimum = "1")) @QueryParam("page") String page,
        @Parameter(description = "Return the articles instead of indexing them", schema = @Schema(type = SchemaType.BOOLEAN)) @QueryParam("dryRun") String dryRun,
        @HeaderParam("Content-Type") String contentType,
        byte[] body) throws IOException {
        ImportFormat format = ImportFormat.ofMediaType(contentType)
            .or(() -> ImportFormat.ofFileName(filename))
            .orElseThrow(() -> new ProblemException(415, "Cannot tell the format of " + (filename == null ? "the file"
                : "'" + filename + "'") + " sent as " + (contentType == null ? "no Content-Type" : contentType)
                + ": send text/plain, text/html, application/json or application/x-ndjson."));
        String name = filename == null || filename.isBlank() ? "upload." + format.label() : filename.strip();
        TextPageReader.Stated stated = new TextPageReader.Stated(Parameters.date("publishedOn", publishedOn),
            Parameters.positiveInt("issueNumber", issueNumber), Parameters.positiveInt("page", page));
        ArticleImporter.Upload upload = new ArticleImporter.Upload(name, body == null ? new byte[0] : body,
            charsetOf(contentType), format);
        if (Parameters.flag("dryRun", dryRun)) {
            Extraction extraction = importer.extract(upload, stated);
            return new DryRunAnswer(extraction.articles(), extraction.rejected());
        }
        return importer.importFile(upload, stated);
    }

    static String charsetOf(String contentType) {
        if (contentType == null) {
            return null;
        }
        for (String parameter : contentType.split(";")) {
            String[] pair = parameter.strip().split("=", 2);
            if (pair.length == 2 && pair[0].strip().equalsIgnoreCase("charset")) {
                return pair[1].strip().replace("\"", "");
            }
        }
        return null;
    }
}
