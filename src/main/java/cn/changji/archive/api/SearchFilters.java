package cn.changji.archive.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
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
 * The query parameters that say what a search finds and in which order (a search's, an export's, a feed's),
 * checked by Bean Validation where a constraint says it (the form of dates and numbers; the constraints also go into
 * the OpenAPI document) and then read into the search's own terms ({@link SearchParams}), which checks what depends
 * on the values (the sort's name, different values of a facet, a range's order, a page past the window).
 */
public class SearchFilters {
    private static final String DATE = "\\s*\\d{4}-\\d{2}-\\d{2}\\s*";
    private static final java.util.regex.Pattern DATE_FORM = java.util.regex.Pattern.compile(DATE);

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

    /** Whether the dates meet their constraints above, for those that read the fields without Bean Validation. */
    boolean datesWellFormed() {
        return matches(DATE_FORM, from) && matches(DATE_FORM, to);
    }

    static boolean matches(java.util.regex.Pattern form, String value) {
        return value == null || form.matcher(value).matches();
    }

    /** The search in its own terms, with the paging given; what Bean Validation could not say is refused there. */
    SearchParams params(Integer page, Integer size, String cursor) {
        Map<Facet, List<String>> selected = new EnumMap<>(Facet.class);
        selected.put(Facet.COUNTY, county);
        selected.put(Facet.INDUSTRY, industry);
        selected.put(Facet.ORGANIZATION, organization);
        selected.put(Facet.AUTHOR, author);
        selected.put(Facet.TYPE, type);
        return SearchParams.of(UserQuery.parse(q), selected, Parameters.date("from", from), Parameters.date("to", to),
            SearchParams.Sort.of(sort), page, size, cursor);
    }

    /** What was asked, as a query string in a fixed order (blank values left out): the same search gives the same one. */
    String canonicalQuery() {
        List<String> parts = new ArrayList<>();
        add(parts, "q", q == null ? List.of() : List.of(q));
        add(parts, "county", county);
        add(parts, "industry", industry);
        add(parts, "organization", organization);
        add(parts, "author", author);
        add(parts, "type", type);
        add(parts, "from", from == null ? List.of() : List.of(from));
        add(parts, "to", to == null ? List.of() : List.of(to));
        add(parts, "sort", sort == null ? List.of() : List.of(sort));
        return String.join("&", parts);
    }

    /** The words and values asked for, for a file name or a title: 新能源 木垒哈萨克自治县. */
    String description() {
        List<String> words = new ArrayList<>();
        for (List<String> values : Arrays.asList(q == null ? List.<String>of() : List.of(q), county, industry, organization,
            author, type)) {
            if (values != null) {
                values.stream().filter(v -> v != null && !v.isBlank()).map(String::strip).sorted().forEach(words::add);
            }
        }
        return String.join(" ", words);
    }

    private static void add(List<String> parts, String name, List<String> values) {
        if (values != null) {
            values.stream().filter(v -> v != null && !v.isBlank()).map(String::strip).sorted()
                .forEach(v -> parts.add(name + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        }
    }
}
