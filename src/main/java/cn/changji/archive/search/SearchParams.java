package cn.changji.archive.search;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import cn.changji.archive.failure.ArchiveException;

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

        public static Sort of(String value) {
            if (value == null || value.isBlank()) {
                return RELEVANCE;
            }
            try {
                return valueOf(value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ArchiveException.invalid("Query parameter 'sort' must be relevance, newest or oldest, got '" + value + "'.");
            }
        }
    }

    /** A search from what was asked; refuses what cannot be searched (a range backwards, a page past the window). */
    public static SearchParams of(UserQuery query, List<String> counties, List<String> industries, List<String> authors,
                                  List<String> types, LocalDate from, LocalDate to, Sort sort, Integer page, Integer size,
                                  String cursor) {
        if (from != null && to != null && from.isAfter(to)) {
            throw ArchiveException.invalid("'from' (" + from + ") is after 'to' (" + to + ").");
        }
        int p = page == null ? 1 : page;
        int s = size == null ? DEFAULT_SIZE : size;
        if (s > MAX_SIZE) {
            throw ArchiveException.invalid("Query parameter 'size' must be at most " + MAX_SIZE + ", got " + s + ".");
        }
        String cursorValue = cursor == null || cursor.isBlank() ? null : cursor.strip();
        if (cursorValue == null && (long) p * s > MAX_WINDOW) {
            throw ArchiveException.invalid("Page " + p + " of size " + s + " reaches past hit " + MAX_WINDOW
                + "; page through deep results with cursor=* and then each answer's nextCursor.");
        }
        return new SearchParams(query, clean(Facet.COUNTY, counties), clean(Facet.INDUSTRY, industries),
            clean(Facet.AUTHOR, authors), clean(Facet.TYPE, types), from, to, sort, cursorValue == null ? p : 1, s, cursorValue);
    }

    /** The values selected for a facet (none for the month facet, which the from / to range filters). */
    public List<String> values(Facet facet) {
        return switch (facet) {
            case COUNTY -> counties;
            case INDUSTRY -> industries;
            case AUTHOR -> authors;
            case TYPE -> types;
            case MONTH -> List.of();
        };
    }

    private static List<String> clean(Facet facet, List<String> values) {
        String name = facet.parameter();
        List<String> clean = values == null ? List.of()
            : values.stream().filter(v -> v != null && !v.isBlank()).map(String::strip).distinct().toList();
        if (clean.size() > MAX_FILTER_VALUES) {
            throw ArchiveException.invalid("Query parameter '" + name + "' has " + clean.size() + " different values; "
                + "a search takes at most " + MAX_FILTER_VALUES + ".");
        }
        return clean;
    }
}
