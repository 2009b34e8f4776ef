package cn.changji.archive.ingest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Industry labels from the editors' keyword lists (ingest/industries.txt, or the file named by
 * archive.ingest.industries-file). A label applies when the title has one of its words, or when the body has them
 * at least twice, plus once per further 1,000 characters of a long body (once, in a body under 300 characters).
 */
public final class IndustryTagger {
    /** A caption or a brief: it names its subject once. */
    private static final int SHORT_BODY = 300;

    private final Map<String, List<String>> keywords;

    private IndustryTagger(Map<String, List<String>> keywords) {
        this.keywords = keywords;
    }

    public static IndustryTagger load(Optional<Path> override) {
        return new IndustryTagger(KeywordFile.read("/ingest/industries.txt", override));
    }

    /** The facet's values. */
    public List<String> industries() {
        return List.copyOf(keywords.keySet());
    }

    public List<String> tag(String title, String body) {
        int needed = body.length() < SHORT_BODY ? 1 : 2 + body.length() / 1000;
        List<String> labels = new ArrayList<>();
        keywords.forEach((label, words) -> {
            int bodyHits = 0;
            boolean inTitle = false;
            for (String word : words) {
                inTitle |= title != null && title.contains(word);
                bodyHits += occurrences(body, word);
            }
            if (inTitle || bodyHits >= needed) {
                labels.add(label);
            }
        });
        return labels;
    }

    private static int occurrences(String text, String word) {
        int count = 0;
        int from = 0;
        int at;
        while ((at = text.indexOf(word, from)) >= 0) {
            count++;
            from = at + word.length();
        }
        return count;
    }
}
