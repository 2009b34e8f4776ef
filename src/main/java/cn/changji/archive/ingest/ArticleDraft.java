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

    record Paragraph(String text, boolean intertitle, boolean afterDroppedCopy) {
        Paragraph(String text, boolean intertitle) {
            this(text, intertitle, false);
        }
    }

    /**
     * Pieces the page parser found that are one article (a copied web page holds one: a photo story's captions, a
     * box): the first piece's headline and column, every piece's text, captions and bylines, in page order.
     */
    static ArticleDraft joined(List<ArticleDraft> pieces) {
        if (pieces.size() == 1) {
            return pieces.get(0);
        }
        ArticleDraft first = pieces.get(0);
        ArticleDraft whole = new ArticleDraft();
        whole.kicker = first.kicker;
        whole.title = first.title;
        whole.subtitle = first.subtitle;
        whole.column = first.column;
        whole.photo = true;
        for (ArticleDraft piece : pieces) {
            if (piece != first && piece.title != null) {
                whole.addIntertitle(piece.title);
            }
            whole.paragraphs.addAll(piece.paragraphs);
            whole.captions.addAll(piece.captions);
            whole.bylines.addAll(piece.bylines);
            whole.newsLead |= piece.newsLead;
            whole.photo &= piece.photo;
        }
        return whole;
    }

    void addParagraph(String text) {
        paragraphs.add(new Paragraph(text, false));
    }

    void addIntertitle(String text) {
        paragraphs.add(new Paragraph(text, true));
    }

    String lastParagraph() {
        return paragraphs.isEmpty() ? null : paragraphs.get(paragraphs.size() - 1).text();
    }

    /** Hands every paragraph after the first (the lead) to another article, which they continue. */
    void moveParagraphsAfterLeadTo(ArticleDraft other) {
        List<Paragraph> after = paragraphs.subList(Math.min(1, paragraphs.size()), paragraphs.size());
        other.paragraphs.addAll(after);
        after.clear();
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
        String orphan = null;
        for (Paragraph paragraph : withoutRepeats(paragraphs)) {
            String text = ChineseText.removeStraySpaces(paragraph.text());
            if (paragraph.intertitle() || paragraph.afterDroppedCopy()) {
                // a dropped copy marks interleaved columns: what follows it does not continue what came before
                if (open != null) {
                    joined.add(open.toString());
                    open = null;
                }
                if (paragraph.intertitle()) {
                    joined.add(text);
                    continue;
                }
                if (isFragment(text) && orphan == null) {
                    orphan = text;
                    continue;
                }
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
        if (orphan != null) {
            // the tail of a sentence cut from its start: it finishes the article's last, unfinished paragraph
            int last = joined.size() - 1;
            if (last >= 0 && !ChineseText.endsSentence(joined.get(last))) {
                joined.set(last, joined.get(last) + orphan);
            } else {
                joined.add(orphan);
            }
        }
        for (String caption : captions) {
            joined.add(ChineseText.removeStraySpaces(caption));
        }
        return String.join("\n\n", joined);
    }

    /** The short tail of a cut sentence: it finishes a sentence but is too short to be a paragraph of its own. */
    private static boolean isFragment(String text) {
        return ChineseText.visibleLength(text) <= 20 && ChineseText.endsSentence(text) && !text.contains("，")
            && !text.contains(",");
    }

    /**
     * Drops paragraphs printed twice. The last copy is kept: an earlier copy is the one the PDF put in the middle
     * of another passage, where it would break a sentence cut at a column break. The paragraph after a dropped copy
     * is marked: the passage was interrupted there.
     */
    private static List<Paragraph> withoutRepeats(List<Paragraph> paragraphs) {
        List<String> prints = paragraphs.stream().map(p -> ChineseText.fingerprint(p.text())).toList();
        List<Paragraph> kept = new ArrayList<>();
        boolean dropped = false;
        for (int i = 0; i < paragraphs.size(); i++) {
            String print = prints.get(i);
            boolean repeatedLater = print.length() >= 10 && prints.subList(i + 1, prints.size()).contains(print);
            if (repeatedLater) {
                dropped = true;
            } else {
                Paragraph paragraph = paragraphs.get(i);
                kept.add(dropped ? new Paragraph(paragraph.text(), paragraph.intertitle(), true) : paragraph);
                dropped = false;
            }
        }
        return kept;
    }
}
