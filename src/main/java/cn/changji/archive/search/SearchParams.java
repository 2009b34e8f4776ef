package cn.changji.archive.search;

import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import cn.changji.archive.failure.ArchiveException;

/**
 * A search request, checked: every value a user can get wrong is refused here with a 400 that says why.
 *
 * @param selected the values selected per facet, every facet but the month (the from / to range filters it)
 */
public record SearchParams(
    UserQuery query,
    Map<Facet, List<String>> selected,
    LocalDate from,
    LocalDate to,
    Sort sort,
    int page,
    int size,
    String cursor,
    Mode mode) {

    public static final int DEFAULT_SIZE = 10;
    public static final int MAX_SIZE = 100;
    public static final int MAX_WINDOW = 10_000;
    /** Most values one facet filter takes: more is a script, not a journalist. */
    public static final int MAX_FILTER_VALUES = 100;
    /** The cursor value that starts a cursor walk. */
    public static final String START_CURSOR = "*";

    /**
     * How hits are found: by the words (keyword, the default), by the words and by meaning with the two rankings
     * fused (hybrid), or by meaning alone (semantic). Meaning needs words: a search without any is a keyword search.
     */
    public enum Mode {
        KEYWORD, HYBRID, SEMANTIC;

        public static Mode of(String value) {
            if (value == null || value.isBlank()) {
                return KEYWORD;
            }
            try {
                return valueOf(value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ArchiveException.invalid("Query parameter 'mode' must be keyword, hybrid or semantic, got '" + value + "'.");
            }
        }

        /** Its name as the API spells it. */
        public String parameter() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

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

    /**
     * A search from what was asked; refuses what cannot be searched (a range backwards, a page past the window,
     * too many values of one facet). {@code selected} maps a facet to the values asked for it, blanks and repeats
     * included.
     */
    public static SearchParams of(UserQuery query, Map<Facet, List<String>> selected, LocalDate from, LocalDate to,
                                  Sort sort, Integer page, Integer size, String cursor) {
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
        Map<Facet, List<String>> clean = new EnumMap<>(Facet.class);
        for (Facet facet : Facet.values()) {
            if (facet != Facet.MONTH) {
                clean.put(facet, clean(facet, selected.get(facet)));
            }
        }
        return new SearchParams(query, Collections.unmodifiableMap(clean), from, to, sort, cursorValue == null ? p : 1, s,
            cursorValue, Mode.KEYWORD);
    }

    /**
     * The same search found the way {@code mode} says. Meaning ranks by relevance alone, page by page: a sort by date
     * or a cursor walk is refused with it.
     */
    public SearchParams withMode(Mode mode) {
        if (mode != Mode.KEYWORD && sort != Sort.RELEVANCE) {
            throw ArchiveException.invalid("mode=" + mode.parameter() + " orders by relevance; sort=" + sort.name().toLowerCase(Locale.ROOT)
                + " is for keyword searches (leave out mode, or sort).");
        }
        if (mode != Mode.KEYWORD && cursor != null) {
            throw ArchiveException.invalid("mode=" + mode.parameter() + " pages by page number; a cursor walk is for keyword "
                + "searches (leave out mode, or cursor).");
        }
        return new SearchParams(query, selected, from, to, sort, page, size, cursor, mode);
    }

    /** The same search, another page of another size (within the bounds {@link #of} checks). */
    SearchParams withPage(int page, int size) {
        return new SearchParams(query, selected, from, to, sort, page, size, cursor, mode);
    }

    /** The same search, newest first: page 1 of {@code size}, by the words. */
    public SearchParams newest(int size) {
        return new SearchParams(query, selected, from, to, Sort.NEWEST, 1, size, null, Mode.KEYWORD);
    }

    /** A search of the whole archive narrowed by nothing, newest or by relevance, as a first page of {@code size}. */
    public static SearchParams of(UserQuery query, Sort sort, int size) {
        return of(query, Map.of(), null, null, sort, null, size, null);
    }

    /** The values selected for a facet (none for the month facet, which the from / to range filters). */
    public List<String> values(Facet facet) {
        return selected.getOrDefault(facet, List.of());
    }

    private static List<String> clean(Facet facet, List<String> values) {
        String name = facet.parameter();
        if (values == null || values.isEmpty()) {
            return List.of();
        }
        Set<String> distinct = new LinkedHashSet<>();
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                distinct.add(value.strip());
            }
        }
        List<String> clean = List.copyOf(distinct);
        if (clean.size() > MAX_FILTER_VALUES) {
            throw ArchiveException.invalid("Query parameter '" + name + "' has " + clean.size() + " different values; "
                + "a search takes at most " + MAX_FILTER_VALUES + ".");
        }
        return clean;
    }
}
