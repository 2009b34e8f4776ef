package cn.changji.archive.search;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import cn.changji.archive.api.ProblemException;
import cn.changji.archive.api.QueryParams;

/** A search request, checked: every value a user can get wrong is refused here with a 400 that says why. */
public record SearchParams(
    UserQuery query,
    List<String> counties,
    List<String> industries,
    List<String> authors,
    List<String> types,
    LocalDate from,
    LocalDate to,
    Sort sort,
    int page,
    int size,
    String cursor) {

    public static final int DEFAULT_SIZE = 10;
    public static final int MAX_SIZE = 100;
    public static final int MAX_WINDOW = 10_000;
    /** Most values one facet filter takes: more is a script, not a journalist. */
    public static final int MAX_FILTER_VALUES = 100;
    /** The cursor value that starts a cursor walk. */
    public static final String START_CURSOR = "*";

    public enum Sort {
        RELEVANCE, NEWEST, OLDEST;

        static Sort of(String value) {
            if (value == null || value.isBlank()) {
                return RELEVANCE;
            }
            try {
                return valueOf(value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ProblemException(400, "Query parameter 'sort' must be relevance, newest or oldest, got '" + value + "'.");
            }
        }
    }

    public static SearchParams of(String q, List<String> counties, List<String> industries, List<String> authors,
                                  List<String> types, String from, String to, String sort, String page, String size,
                                  String cursor) {
        LocalDate fromDate = QueryParams.date("from", from);
        LocalDate toDate = QueryParams.date("to", to);
        if (fromDate != null && toDate != null && fromDate.isAfter(toDate)) {
            throw new ProblemException(400, "'from' (" + fromDate + ") is after 'to' (" + toDate + ").");
        }
        Integer pageNumber = QueryParams.positiveInt("page", page);
        Integer pageSize = QueryParams.positiveInt("size", size);
        int p = pageNumber == null ? 1 : pageNumber;
        int s = pageSize == null ? DEFAULT_SIZE : pageSize;
        if (s > MAX_SIZE) {
            throw new ProblemException(400, "Query parameter 'size' must be at most " + MAX_SIZE + ", got " + s + ".");
        }
        String cursorValue = cursor == null || cursor.isBlank() ? null : cursor.strip();
        if (cursorValue == null && (long) p * s > MAX_WINDOW) {
            throw new ProblemException(400, "Page " + p + " of size " + s + " reaches past hit " + MAX_WINDOW
                + "; page through deep results with cursor=* and then each answer's nextCursor.");
        }
        return new SearchParams(UserQuery.parse(q), clean("county", counties), clean("industry", industries),
            clean("author", authors), clean("type", types),
            fromDate, toDate, Sort.of(sort), cursorValue == null ? p : 1, s, cursorValue);
    }

    private static List<String> clean(String name, List<String> values) {
        List<String> clean = values == null ? List.of()
            : values.stream().filter(v -> v != null && !v.isBlank()).map(String::strip).distinct().toList();
        if (clean.size() > MAX_FILTER_VALUES) {
            throw new ProblemException(400, "Query parameter '" + name + "' has " + clean.size() + " different values; "
                + "a search takes at most " + MAX_FILTER_VALUES + ".");
        }
        return clean;
    }
}
