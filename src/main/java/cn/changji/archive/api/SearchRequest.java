package cn.changji.archive.api;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import cn.changji.archive.failure.Parameters;
import cn.changji.archive.search.SearchParams;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.QueryParam;

/** A search's parameters: what it finds ({@link SearchFilters}) and which page of it, by number or by cursor. */
public class SearchRequest extends SearchFilters {
    private static final String NUMBER = "\\s*\\d{1,9}\\s*";
    private static final java.util.regex.Pattern NUMBER_FORM = java.util.regex.Pattern.compile(NUMBER);

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

    /** Whether every value meets its constraint above: what Bean Validation checks, for {@link SearchRoute}. */
    boolean wellFormed() {
        return datesWellFormed() && matches(NUMBER_FORM, page) && matches(NUMBER_FORM, size);
    }

    /** The search in its own terms; what Bean Validation could not say (zero, a range backwards) is refused there. */
    SearchParams params() {
        return params(Parameters.positiveInt("page", page), Parameters.positiveInt("size", size), cursor);
    }
}
