package cn.changji.archive.ingest;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import cn.changji.archive.article.Byline;

/**
 * Splits the text of one newspaper page (as extracted from the PDF edition) into articles: masthead, labels and
 * banners dropped; headlines (kicker, title, subtitle), bylines, photo news and photos inside stories recognised.
 */
public final class PageTextParser {
    private static final int MAX_HEADLINE_LENGTH = 40;
    private static final Pattern DATED_CAPTION = Pattern.compile("^(\\d{1,2}月\\d{1,2}日|图为|近日|日前)");
    private static final int CAPTION_LOOKAHEAD = 3;

    private final PageLabels labels;
    private final PageFurniture furniture;

    public PageTextParser(PageLabels labels, PageFurniture furniture) {
        this.labels = labels;
        this.furniture = furniture;
    }

    /**
     * The articles of a page, with what the page itself says of its date and page number: the masthead of a PDF
     * page, or the 发布时间 and 第N版 of a copied web page.
     */
    public record ParsedPage(Masthead masthead, LocalDate pageDate, Integer pageNumber, List<ArticleDraft> articles) {}

    enum Kind { LABEL, HEADLINE, BYLINE, SIGNATURE, PHOTO_CREDIT, LEAD, PARAGRAPH }

    record Line(String text, Kind kind, String column, List<Byline> bylines) {}

    public ParsedPage parse(String page) {
        List<String> raw = new ArrayList<>();
        for (String line : page.replace('\u3000', ' ').split("\\R")) {
            String text = line.strip();
            if (!text.isEmpty()) {
                raw.add(text);
            }
        }
        if (furniture.isCopiedWebPage(raw)) {
            return parseWebPage(raw);
        }
        Masthead masthead = Masthead.find(raw);
        List<Line> lines = classified(raw.subList(masthead.lines(), raw.size()));
        return new ParsedPage(masthead, masthead.date(), null, segment(lines));
    }

    /**
     * Text copied from an e-paper, news-site or partner page: one article among the page's furniture. Its date is
     * the page's own (发布时间, the e-paper's date line); what the segmentation reads as several pieces (a photo
     * story's captions, say) is one article.
     */
    private ParsedPage parseWebPage(List<String> raw) {
        List<ArticleDraft> pieces = segment(classified(raw));
        List<ArticleDraft> article = pieces.isEmpty() ? List.of() : List.of(ArticleDraft.joined(pieces));
        return new ParsedPage(Masthead.NONE, furniture.pageDate(raw), furniture.pageNumber(raw), article);
    }

    /**
     * The page's lines without contact lines and furniture, each classified; a caption's paragraph that ends with
     * its credit is a caption and a credit.
     */
    private List<Line> classified(List<String> texts) {
        List<Line> lines = new ArrayList<>();
        for (String text : texts) {
            if (Masthead.isContactLine(text) || furniture.isFurniture(text)) {
                continue;
            }
            Optional<String[]> split = BylineParser.splitClosingCredit(text);
            if (split.isPresent()) {
                lines.add(classify(split.get()[0]));
                lines.add(classify(split.get()[1]));
            } else {
                lines.add(classify(text));
            }
        }
        return lines;
    }

    private Line classify(String text) {
        Optional<PageLabels.Label> label = labels.match(text);
        if (label.isPresent()) {
            return new Line(text, Kind.LABEL, label.get().column(), List.of());
        }
        Optional<List<Byline>> credit = BylineParser.photoCredit(text);
        if (credit.isPresent()) {
            return new Line(text, Kind.PHOTO_CREDIT, null, credit.get());
        }
        Optional<List<Byline>> byline = BylineParser.bylineLine(text);
        if (byline.isPresent()) {
            return new Line(text, Kind.BYLINE, null, byline.get());
        }
        Optional<Byline> signature = BylineParser.signature(text);
        if (signature.isPresent()) {
            return new Line(text, Kind.SIGNATURE, null, List.of(signature.get()));
        }
        if (BylineParser.isNewsLead(text)) {
            return new Line(text, Kind.LEAD, null, List.of());
        }
        return new Line(text, looksLikeHeadline(text) ? Kind.HEADLINE : Kind.PARAGRAPH, null, List.of());
    }

    /** Short, no sentence punctuation inside or at the end: a headline or an intertitle, not running text. */
    static boolean looksLikeHeadline(String text) {
        int length = ChineseText.visibleLength(text);
        if (length > MAX_HEADLINE_LENGTH || ChineseText.endsSentence(text)) {
            return false;
        }
        if (text.matches(".*[，,。；;].*")) {
            return false;
        }
        return !text.contains("、") || length <= 20;
    }

    private List<ArticleDraft> segment(List<Line> lines) {
        Segmentation page = new Segmentation();
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            switch (line.kind()) {
                case LABEL -> {
                    if (line.column() != null) {
                        page.column = line.column();
                    }
                }
                case HEADLINE -> page.headlines.add(line.text());
                case BYLINE, SIGNATURE, LEAD -> {
                    if (!page.headlines.isEmpty() || page.noOpenArticle()
                        || (line.kind() == Kind.LEAD && !page.current.paragraphs.isEmpty())) {
                        page.startArticle();
                    }
                    ArticleDraft current = page.current;
                    if (line.kind() == Kind.LEAD) {
                        current.newsLead = true;
                        Optional<BylineParser.Lead> lead = BylineParser.lead(line.text());
                        if (lead.isPresent()) {
                            current.bylines.addAll(lead.get().bylines());
                            current.addParagraph(lead.get().rest());
                        } else {
                            current.addParagraph(BylineParser.withoutDateline(line.text()));
                        }
                    } else {
                        current.bylines.addAll(line.bylines());
                    }
                }
                case PHOTO_CREDIT -> {
                    if (page.current == null) {
                        page.startArticle();
                    }
                    ArticleDraft current = page.current;
                    current.bylines.addAll(line.bylines());
                    if (current.photo) {
                        current.closed = true;
                    } else if (!page.headlines.isEmpty()) {
                        page.headlines.clear();
                    } else {
                        current.lastParagraphIsCaption();
                    }
                }
                case PARAGRAPH -> {
                    ArticleDraft current = page.current;
                    boolean inPhoto = current != null && current.photo && !current.closed;
                    boolean photoNews = !inPhoto && photoCreditFollows(lines, i) && (page.noOpenArticle()
                        || !page.headlines.isEmpty() || (DATED_CAPTION.matcher(line.text()).find()
                            && current.lastParagraph() != null && ChineseText.endsSentence(current.lastParagraph())
                            && nothingFollowsPhoto(lines, i)));
                    if (photoNews) {
                        page.startArticle();
                        page.current.photo = true;
                    } else if (page.noOpenArticle()) {
                        page.startArticle();
                    } else {
                        page.placeIntertitles();
                    }
                    page.current.addParagraph(line.text());
                }
            }
        }
        return page.articles.stream().filter(a -> a.title != null || !a.paragraphs.isEmpty()).toList();
    }

    /** The walk down one page: the articles so far, the open one, and the headlines and column waiting for the next. */
    private static final class Segmentation {
        final List<ArticleDraft> articles = new ArrayList<>();
        final List<String> headlines = new ArrayList<>();
        ArticleDraft current;
        ArticleDraft featureWithIntertitles;
        String column;

        boolean noOpenArticle() {
            return current == null || current.closed;
        }

        /**
         * The waiting headlines stand between paragraphs: they are intertitles. A news box set inside a feature
         * holds only its lead: when the feature's intertitles go on after the box, the paragraphs that followed the
         * box's lead were the feature's, and go back to it.
         */
        void placeIntertitles() {
            if (headlines.isEmpty()) {
                return;
            }
            if (current.newsLead && featureWithIntertitles != null && featureWithIntertitles != current) {
                current.moveParagraphsAfterLeadTo(featureWithIntertitles);
                current = featureWithIntertitles;
            } else if (!current.newsLead) {
                featureWithIntertitles = current;
            }
            headlines.forEach(current::addIntertitle);
            headlines.clear();
        }

        /** Opens a new article headed by the waiting headlines and column. */
        void startArticle() {
            current = new ArticleDraft();
            current.column = column;
            assignHeadlines(current, headlines);
            articles.add(current);
            headlines.clear();
            column = null;
        }
    }

    /** A photo credit within a few paragraphs, with no headline or byline in between. */
    private static boolean photoCreditFollows(List<Line> lines, int from) {
        for (int i = from + 1; i < Math.min(lines.size(), from + 1 + CAPTION_LOOKAHEAD); i++) {
            Kind kind = lines.get(i).kind();
            if (kind == Kind.PHOTO_CREDIT) {
                return true;
            }
            if (kind != Kind.PARAGRAPH) {
                return false;
            }
        }
        return false;
    }

    /** After the photo's credit the page ends or another article starts: the photo stands on its own. */
    private static boolean nothingFollowsPhoto(List<Line> lines, int from) {
        int i = from + 1;
        while (i < lines.size() && lines.get(i).kind() != Kind.PHOTO_CREDIT) {
            i++;
        }
        int next = i + 1;
        return next >= lines.size() || lines.get(next).kind() != Kind.PARAGRAPH;
    }

    /** One to three headline lines: kicker (引题) above, title, subtitle (副题, often opening with ——). */
    static void assignHeadlines(ArticleDraft draft, List<String> headlines) {
        List<String> lines = headlines.stream().map(ChineseText::removeStraySpacesKeepingWordGaps).toList();
        if (lines.isEmpty()) {
            return;
        }
        int last = lines.size() - 1;
        if (lines.size() >= 2 && lines.get(last).startsWith("—")) {
            draft.subtitle = lines.get(last);
            draft.title = lines.get(last - 1);
            if (last >= 2) {
                draft.kicker = String.join(" ", lines.subList(0, last - 1));
            }
        } else if (lines.size() == 1) {
            draft.title = lines.get(0);
        } else if (lines.size() == 2) {
            if (ChineseText.visibleLength(lines.get(0)) >= ChineseText.visibleLength(lines.get(1))) {
                draft.title = lines.get(0);
                draft.subtitle = lines.get(1);
            } else {
                draft.kicker = lines.get(0);
                draft.title = lines.get(1);
            }
        } else {
            draft.kicker = String.join(" ", lines.subList(0, last - 1));
            draft.title = lines.get(last - 1);
            draft.subtitle = lines.get(last);
        }
    }
}
