package cn.changji.archive.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import cn.changji.archive.failure.ArchiveException;

/**
 * Groups of equivalent terms editors maintain ("中科院 = 中国科学院"), applied to queries, not to the index: a term
 * of the query that is, or contains, a term of a group is searched in every form of the group.
 */
public final class Synonyms {
    static final int MAX_LINES = 5000;
    static final int MAX_TERM_LENGTH = 50;
    private static final int MAX_VARIANTS = 8;

    private final String text;
    private final List<List<String>> groups;
    private final List<String> termsLongestFirst;

    private Synonyms(String text, List<List<String>> groups) {
        this.text = text;
        this.groups = groups;
        this.termsLongestFirst = groups.stream().flatMap(List::stream).distinct()
            .sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    public static final Synonyms NONE = new Synonyms("", List.of());

    /** Reads the file format; a bad line is refused with its number. */
    public static Synonyms parse(String text) {
        List<List<String>> groups = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        String[] lines = text.split("\\R");
        if (lines.length > MAX_LINES) {
            throw ArchiveException.invalid("The synonyms have " + lines.length + " lines; at most " + MAX_LINES + " are allowed.");
        }
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            LinkedHashSet<String> terms = new LinkedHashSet<>();
            for (String term : line.split("[=,，]")) {
                if (!term.isBlank()) {
                    terms.add(term.strip());
                }
            }
            if (terms.size() < 2) {
                problems.add("line " + (i + 1) + ": a group needs at least two terms separated by '=' or ',': \"" + line + "\"");
            } else if (terms.stream().anyMatch(t -> t.length() > MAX_TERM_LENGTH)) {
                problems.add("line " + (i + 1) + ": a term is longer than " + MAX_TERM_LENGTH + " characters");
            } else {
                groups.add(List.copyOf(terms));
            }
        }
        if (!problems.isEmpty()) {
            throw ArchiveException.invalid("The synonyms were not saved: " + String.join("; ", problems), problems);
        }
        return new Synonyms(text, List.copyOf(groups));
    }

    public String text() {
        return text;
    }

    public List<List<String>> groups() {
        return groups;
    }

    /** The term itself first, then its other forms: the whole term swapped, or the longest group term inside it. */
    public List<String> variants(String term) {
        Set<String> variants = new LinkedHashSet<>();
        variants.add(term);
        for (String known : termsLongestFirst) {
            int at = term.indexOf(known);
            if (at < 0) {
                continue;
            }
            for (List<String> group : groups) {
                if (group.contains(known)) {
                    for (String other : group) {
                        variants.add(term.substring(0, at) + other + term.substring(at + known.length()));
                    }
                }
            }
            break;
        }
        return List.copyOf(variants).subList(0, Math.min(variants.size(), MAX_VARIANTS));
    }
}
