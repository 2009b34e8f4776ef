package cn.changji.archive.api;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import cn.changji.archive.failure.Parameters;
import cn.changji.archive.search.MeaningSearch;
import cn.changji.archive.search.SearchParams;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.QueryParam;

/** A search's parameters: what it finds ({@link SearchFilters}) and which page of it, by number or by cursor. */
public class SearchRequest extends SearchFilters {
    private static final String NUMBER = "\\s*\\d{1,9}\\s*";
    private static final java.util.regex.Pattern NUMBER_FORM = java.util.regex.Pattern.compile(NUMBER);
    private static final int MEANING_NEIGHBOURS = MeaningSearch.NEIGHBOURS;

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

    @QueryParam("mode")
    @Parameter(description = "keyword (default): by the words. hybrid (按意思搜): by the words and by meaning, the two "
        + "rankings fused; every article the words match is still a hit, and articles that mean the same in other words "
        + "join them. semantic: by meaning alone, the " + MEANING_NEIGHBOURS + " articles nearest to the words, narrowed "
        + "by the filters. Meaning orders by relevance and pages by number (no sort by date, no cursor); facets count "
        + "the hits shown (in hybrid mode the words' hits and those meaning alone adds, in semantic mode the nearest). Articles whose vectors are not "
        + "computed yet (GET /api/v1/vectors) are found by their words only.", example = "hybrid",
        schema = @Schema(type = SchemaType.STRING, enumeration = { "keyword", "hybrid", "semantic" }))
    String mode;

    /** Whether every value meets its constraint above: what Bean Validation checks, for {@link SearchRoute}. */
    boolean wellFormed() {
        return datesWellFormed() && matches(NUMBER_FORM, page) && matches(NUMBER_FORM, size);
    }

    /** The search in its own terms; what Bean Validation could not say (zero, a range backwards) is refused there. */
    SearchParams params() {
        return params(Parameters.positiveInt("page", page), Parameters.positiveInt("size", size), cursor)
            .withMode(SearchParams.Mode.of(mode));
    }
}
