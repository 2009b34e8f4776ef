package cn.changji.archive.api;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

import cn.changji.archive.article.Article;
import cn.changji.archive.export.CsvExport;
import cn.changji.archive.export.Permalinks;
import cn.changji.archive.search.ResultExport;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;

@Path("/api/v1/articles/export")
@Tag(name = "Search")
public class ExportResource {
    private static final Logger LOG = Logger.getLogger(ExportResource.class);
    private static final String NDJSON = "application/x-ndjson";
    private static final int MAX_NAME_CHARS = 40;

    private final ResultExport export;
    private final ObjectWriter articleWriter;

    ExportResource(ResultExport export, ObjectMapper mapper) {
        this.export = export;
        this.articleWriter = mapper.writerFor(Article.class);
    }

    @GET
    @Produces({ CsvExport.MEDIA_TYPE, NDJSON })
    @Operation(operationId = "exportArticles", summary = "Every hit of a search as a spreadsheet (CSV) or as articles (NDJSON), streamed",
        description = "Takes the search's parameters (q, facets, from, to, sort; no paging) and gives every hit in the "
            + "search's order, read from a point in time batch by batch, never the whole set at once. CSV opens in "
            + "Excel and WPS as it is (UTF-8 with BOM, RFC 4180, a header row in Chinese and English): date, issue, "
            + "page, title, authors, counties, industries, type, organisations, permalink. NDJSON gives each article "
            + "in full, one per line. A search with more hits than archive.export.max-rows (100,000) is refused.")
    @APIResponse(responseCode = "200", description = "The rows, as a download named after the search",
        headers = { @Header(name = "Content-Disposition", required = true, description = "attachment; filename=… named after the search",
                        schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "X-Total-Count", required = true, description = "How many rows follow",
                        schema = @Schema(type = SchemaType.INTEGER)) },
        content = {
            @Content(mediaType = CsvExport.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING),
                examples = @ExampleObject(name = "csv", value = "\uFEFF日期 date,期号 issue,版次 page,标题 title,作者 authors,县市 counties,产业 industries,体裁 type,企业与机构 organizations,链接 permalink\r\n"
                    + "2025-04-16,12234,1,木垒县新能源产业发展联盟成立,刘辉、黄杰,木垒哈萨克自治县,新能源,消息,,https://archive.example/?id=3f2a9c0d1e4b5a67\r\n")),
            @Content(mediaType = NDJSON, schema = @Schema(type = SchemaType.STRING),
                examples = @ExampleObject(name = "ndjson", value = "{\"id\":\"3f2a9c0d1e4b5a67\",\"title\":\"木垒县新能源产业发展联盟成立\",…}\n")) })
    @APIResponse(responseCode = "400", description = "Bad parameter (as for a search), an unknown format, or more hits than one export gives",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response export(@Valid @BeanParam SearchFilters search,
                           @Parameter(description = "csv (default) or ndjson", example = "csv",
                               schema = @Schema(type = SchemaType.STRING, enumeration = { "csv", "ndjson" })) @QueryParam("format") String format,
                           @Context UriInfo uri) throws IOException {
        boolean csv = format == null || format.isBlank() || format.strip().equalsIgnoreCase("csv");
        if (!csv && !format.strip().equalsIgnoreCase("ndjson")) {
            throw new ProblemException(400, "Query parameter 'format' must be csv or ndjson, got '" + format + "'.");
        }
        ResultExport.Walk walk = export.open(search.params(null, null, null), !csv);
        Permalinks permalinks = new Permalinks(uri.getBaseUri().toString());
        StreamingOutput rows = out -> {
            try (walk; Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024)) {
                CsvExport table = csv ? new CsvExport(writer, permalinks) : null;
                for (List<Article> batch = walk.next(); !batch.isEmpty(); batch = walk.next()) {
                    for (Article article : batch) {
                        if (table != null) {
                            table.write(article);
                        } else {
                            writer.write(articleWriter.writeValueAsString(article));
                            writer.write('\n');
                        }
                    }
                }
            } catch (IOException | RuntimeException e) {
                // the status line is sent: the download ends unfinished, which clients see as a broken transfer
                LOG.errorf("Export of [%s] stopped: %s", search.canonicalQuery(), e.getMessage());
                throw e;
            }
        };
        String extension = csv ? "csv" : "ndjson";
        return Response.ok(rows, csv ? CsvExport.MEDIA_TYPE + "; charset=UTF-8" : NDJSON + "; charset=UTF-8")
            .header("Content-Disposition", disposition(search.description(), extension))
            .header("X-Total-Count", walk.total())
            .header(HttpHeaders.CACHE_CONTROL, "no-store")
            .build();
    }

    /** attachment; an ASCII name for old clients and the search's own words (RFC 6266, RFC 8187) for the others. */
    static String disposition(String description, String extension) {
        String words = description.replaceAll("[^\\p{L}\\p{N}]+", "-").replaceAll("(^-+|-+$)", "");
        if (words.length() > MAX_NAME_CHARS) {
            words = words.substring(0, MAX_NAME_CHARS);
        }
        String name = "昌吉日报-" + (words.isEmpty() ? "全部" : words) + "-" + LocalDate.now() + "." + extension;
        String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
        return "attachment; filename=\"changji-daily-export." + extension.toLowerCase(Locale.ROOT) + "\"; filename*=UTF-8''" + encoded;
    }
}
