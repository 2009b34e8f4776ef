package cn.changji.archive.ingest;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import cn.changji.archive.article.Byline;

/** An article as the page parser finds it, before its text is repaired and it is enriched. */
public final class ArticleDraft {
    String kicker;
    String title;
    String subtitle;
    String column;
    final List<Paragraph> paragraphs = new ArrayList<>();
    final List<String> captions = new ArrayList<>();
    final List<Byline> bylines = new ArrayList<>();
    boolean newsLead;
    boolean photo;
    boolean closed;

    record Paragraph(String text, boolean intertitle) {}

    void addParagraph(String text) {
        paragraphs.add(new Paragraph(text, false));
    }

    void addIntertitle(String text) {
        paragraphs.add(new Paragraph(text, true));
    }

    String lastParagraph() {
        return paragraphs.isEmpty() ? null : paragraphs.get(paragraphs.size() - 1).text();
    }

    /** Moves the last paragraph to the captions: a photo printed inside this story. */
    void lastParagraphIsCaption() {
        if (!paragraphs.isEmpty()) {
            captions.add(paragraphs.remove(paragraphs.size() - 1).text());
        }
    }

    public String title() {
        return title;
    }

    public String kicker() {
        return kicker;
    }

    public String subtitle() {
        return subtitle;
    }

    public String column() {
        return column;
    }

    public List<Byline> bylines() {
        Set<Byline> unique = new LinkedHashSet<>(bylines);
        return List.copyOf(unique);
    }

    public boolean isNews() {
        return newsLead;
    }

    public boolean isPhoto() {
        return photo;
    }

    /**
     * The repaired body: paragraphs cut at column breaks rejoined, stray spaces removed, repeated paragraphs
     * dropped, captions of photos inside the story last.
     */
    public String body() {
        List<String> joined = new ArrayList<>();
        StringBuilder open = null;
        for (Paragraph paragraph : withoutRepeats(paragraphs)) {
            String text = ChineseText.removeStraySpaces(paragraph.text());
            if (paragraph.intertitle()) {
                if (open != null) {
                    joined.add(open.toString());
                    open = null;
                }
                joined.add(text);
                continue;
            }
            if (open == null) {
                open = new StringBuilder(text);
            } else {
                open.append(text);
            }
            if (ChineseText.endsSentence(text)) {
                joined.add(open.toString());
                open = null;
            }
        }
        if (open != null) {
            joined.add(open.toString());
        }
        for (String caption : captions) {
            joined.add(ChineseText.removeStraySpaces(caption));
        }
        return String.join("\n\n", joined);
    }

    /**
     * Drops paragraphs printed twice. The last copy is kept: an earlier copy is the one the PDF put in the middle
     * of another passage, where it would break a sentence cut at a column break.
     */
    private static List<Paragraph> withoutRepeats(List<Paragraph> paragraphs) {
        List<String> prints = paragraphs.stream().map(p -> ChineseText.fingerprint(p.text())).toList();
        List<Paragraph> kept = new ArrayList<>();
        for (int i = 0; i < paragraphs.size(); i++) {
            String print = prints.get(i);
            boolean repeatedLater = print.length() >= 10 && prints.subList(i + 1, prints.size()).contains(print);
            if (!repeatedLater) {
                kept.add(paragraphs.get(i));
            }
        }
        return kept;
    }
}
