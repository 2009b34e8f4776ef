package cn.changji.archive.ingest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds the county-level places an article is about (data file ingest/counties.txt). A place counts when the
 * title names it, when the opening paragraph does, or when the body keeps coming back to it; not when it only
 * appears inside a company's name (the short form: "中煤木垒新能源有限公司") or in a list of places separated by "、".
 */
public final class CountyTagger {
    private static final Pattern COMPANY_AFTER = Pattern.compile("^[^，,。；;、：:“”()（）\\s]{0,14}?(有限责任公司|有限公司|股份公司|集团)");
    private static final int BODY_MENTIONS_NEEDED = 3;

    private record Alias(String county, String text) {}

    private final List<Alias> aliases;
    private final List<String> counties;

    private CountyTagger(List<Alias> aliases) {
        this.aliases = aliases;
        this.counties = aliases.stream().map(Alias::county).distinct().sorted().toList();
    }

    public static CountyTagger load(Optional<Path> override) {
        List<Alias> aliases = new ArrayList<>();
        KeywordFile.read("/ingest/counties.txt", override).forEach((county, others) -> {
            aliases.add(new Alias(county, county));
            others.forEach(other -> aliases.add(new Alias(county, other)));
        });
        aliases.sort(Comparator.comparingInt((Alias a) -> a.text().length()).reversed());
        return new CountyTagger(aliases);
    }

    /** The facet's values. */
    public List<String> counties() {
        return counties;
    }

    /** Every way of writing a county, longest first. */
    List<String> writings() {
        return aliases.stream().map(Alias::text).toList();
    }

    public List<String> tag(String title, String body) {
        String lead = body.split("\n\n", 2)[0];
        Map<String, Integer> titleHits = count(title == null ? "" : title);
        Map<String, Integer> leadHits = count(lead);
        Map<String, Integer> bodyHits = count(body);
        List<String> tagged = new ArrayList<>();
        for (String county : counties) {
            if (titleHits.getOrDefault(county, 0) > 0 || leadHits.getOrDefault(county, 0) > 0
                || bodyHits.getOrDefault(county, 0) >= BODY_MENTIONS_NEEDED) {
                tagged.add(county);
            }
        }
        return tagged;
    }

    /** Mentions per county, longest alias first so "木垒县" is not counted again as "木垒". */
    private Map<String, Integer> count(String text) {
        Map<String, Integer> hits = new LinkedHashMap<>();
        boolean[] taken = new boolean[text.length()];
        for (Alias alias : aliases) {
            int from = 0;
            int at;
            while ((at = text.indexOf(alias.text(), from)) >= 0) {
                int end = at + alias.text().length();
                from = end;
                if (isTaken(taken, at, end)) {
                    continue;
                }
                for (int i = at; i < end; i++) {
                    taken[i] = true;
                }
                char last = alias.text().charAt(alias.text().length() - 1);
                boolean shortForm = last != '市' && last != '县' && last != '区';
                if (!(shortForm && insideCompanyName(text, end)) && !inList(text, at, end)) {
                    hits.merge(alias.county(), 1, Integer::sum);
                }
            }
        }
        return hits;
    }

    private static boolean isTaken(boolean[] taken, int from, int to) {
        for (int i = from; i < to; i++) {
            if (taken[i]) {
                return true;
            }
        }
        return false;
    }

    private static boolean insideCompanyName(String text, int end) {
        return COMPANY_AFTER.matcher(text.substring(end, Math.min(text.length(), end + 24))).find();
    }

    private static boolean inList(String text, int start, int end) {
        boolean before = start > 0 && text.charAt(start - 1) == '、';
        boolean after = end < text.length() && text.charAt(end) == '、';
        return before || after;
    }
}
