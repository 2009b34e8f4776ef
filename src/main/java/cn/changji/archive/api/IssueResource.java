package cn.changji.archive.api;

import java.io.IOException;
import java.time.LocalDate;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import cn.changji.archive.config.HttpConfig;
import cn.changji.archive.failure.Parameters;
import cn.changji.archive.search.IssueBrowser;
import cn.changji.archive.search.IssueCalendar;
import cn.changji.archive.search.IssueDay;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

@Path("/api/v1/issues")
@Tag(name = "Issues", description = "The archive as the paper printed it: days, pages and the articles on them")
public class IssueResource {
    private static final int LAST_YEAR = 9999;

    private final IssueBrowser issues;
    private final HttpConfig http;

    IssueResource(IssueBrowser issues, HttpConfig http) {
        this.issues = issues;
        this.http = http;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listIssues", summary = "The days of a year that have an issue, with their article counts and issue numbers")
    @APIResponse(responseCode = "200", description = "The year's days, and every year the archive holds",
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IssueCalendar.class)))
    @APIResponse(responseCode = "400", description = "year is not a year from 1 to 9999",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RestResponse<IssueCalendar> list(@Parameter(description = "The year; the newest year with articles when left out", example = "2025",
        schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "9999")) @QueryParam("year") String year) throws IOException {
        Integer asked = Parameters.positiveInt("year", year);
        if (asked != null && asked > LAST_YEAR) {
            throw new ProblemException(400, "Query parameter 'year' must be a year from 1 to " + LAST_YEAR + ", got " + asked + ".");
        }
        return RestResponse.ResponseBuilder.ok(issues.calendar(asked)).cacheControl(CacheHeaders.publicFor(http.searchMaxAge())).build();
    }

    @GET
    @Path("/{date}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getIssue", summary = "One day's issue: its pages in order, each with its articles in page order")
    @APIResponse(responseCode = "200", description = "The issue",
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IssueDay.class)))
    @APIResponse(responseCode = "400", description = "date is not an ISO date (yyyy-MM-dd)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "The archive has no article of that day",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RestResponse<IssueDay> get(@Parameter(description = "The day of the issue", example = "2025-04-16",
        schema = @Schema(type = SchemaType.STRING, format = "date")) @PathParam("date") String date) throws IOException {
        LocalDate day = Parameters.date("date", date);
        IssueDay issue = issues.day(day).orElseThrow(() -> new ProblemException(404, "The archive has no article of "
            + day + "; GET /api/v1/issues?year=" + day.getYear() + " lists the days it has."));
        return RestResponse.ResponseBuilder.ok(issue).cacheControl(CacheHeaders.publicFor(http.searchMaxAge())).build();
    }
}
