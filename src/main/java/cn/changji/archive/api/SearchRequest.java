package cn.changji.archive.api;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import cn.changji.archive.failure.Parameters;
import cn.changji.archive.search.Facet;
import cn.changji.archive.search.SearchParams;
import cn.changji.archive.search.UserQuery;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.QueryParam;

/**
 * The query parameters of a search, checked by Bean Validation where a constraint says it (the form of dates and
 * numbers; the constraints also go into the OpenAPI document) and then read into the search's own terms
 * ({@link SearchParams}), which checks what depends on the values (the sort's name, different values of a facet,
 * a range's order, a page past the window).
 */
public class SearchRequest {
    private static final String NUMBER = "\\s*\\d{1,9}\\s*";
    private static final String DATE = "\\s*\\d{4}-\\d{2}-\\d{2}\\s*";

    @QueryParam("q")
    @Parameter(description = "What to look for", example = "木垒 新能源 -光伏 \"产业发展联盟\"")
    String q;

    @QueryParam("county")
    @Parameter(description = "County facet value, repeatable", example = "[\"木垒哈萨克自治县\"]")
    List<String> county;

    @QueryParam("industry")
    @Parameter(description = "Industry facet value, repeatable", example = "[\"新能源\"]")
    List<String> industry;

    @QueryParam("organization")
    @Parameter(description = "Organisation facet value (a company or institution), repeatable", example = "[\"特变电工\"]")
    List<String> organization;

    @QueryParam("author")
    @Parameter(description = "Author, repeatable", example = "[\"刘茜\"]")
    List<String> author;

    @QueryParam("type")
    @Parameter(description = "news, feature, photo or commentary; repeatable", example = "[\"news\"]")
    List<String> type;

    @QueryParam("from")
    @Pattern(regexp = DATE, message = "must be an ISO date (yyyy-MM-dd), got '${validatedValue}'.")
    @Parameter(description = "First day, inclusive (ISO date)", example = "2025-01-01", schema = @Schema(type = SchemaType.STRING, format = "date"))
    String from;

    @QueryParam("to")
    @Pattern(regexp = DATE, message = "must be an ISO date (yyyy-MM-dd), got '${validatedValue}'.")
    @Parameter(description = "Last day, inclusive (ISO date)", example = "2025-12-31", schema = @Schema(type = SchemaType.STRING, format = "date"))
    String to;

    @QueryParam("sort")
    @Parameter(description = "relevance (default), newest or oldest", example = "relevance",
        schema = @Schema(type = SchemaType.STRING, enumeration = { "relevance", "newest", "oldest" }))
    String sort;

    @QueryParam("page")
    @Pattern(regexp = NUMBER, message = "must be a positive whole number, got '${validatedValue}'.")
    @Parameter(description = "1-based page", example = "1", schema = @Schema(type = SchemaType.INTEGER, minimum = "1"))
    String page;

    @QueryParam("size")
    @Pattern(regexp = NUMBER, message = "must be a positive whole number, got '${validatedValue}'.")
    @Parameter(description = "Hits per page, 1 to 100 (default 10)", example = "10",
        schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100"))
    String size;

    @QueryParam("cursor")
    @Parameter(description = "* to start a cursor walk, then the nextCursor of the previous answer")
    String cursor;

    /** The search in its own terms; what Bean Validation could not say (zero, a range backwards) is refused there. */
    SearchParams params() {
        Map<Facet, List<String>> selected = new EnumMap<>(Facet.class);
        selected.put(Facet.COUNTY, county);
        selected.put(Facet.INDUSTRY, industry);
        selected.put(Facet.ORGANIZATION, organization);
        selected.put(Facet.AUTHOR, author);
        selected.put(Facet.TYPE, type);
        return SearchParams.of(UserQuery.parse(q), selected, Parameters.date("from", from),
            Parameters.date("to", to), SearchParams.Sort.of(sort), Parameters.positiveInt("page", page),
            Parameters.positiveInt("size", size), cursor);
    }
}
