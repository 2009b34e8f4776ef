package cn.changji.archive.ingest;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import cn.changji.archive.article.Article;
import cn.changji.archive.article.ArticleSource;
import cn.changji.archive.article.Byline;

/**
 * Reads one page of the paper's web edition: a single article among navigation, lists of other titles, share links
 * and a footer. Headline parts come from the article's heading elements, the body from the article container only,
 * bylines from the body text, the date from meta tags, the page text or the page's URL.
 */
public final class HtmlPageReader {
    private static final Pattern TEXT_DATE = Pattern.compile(
        "((?:19|20)\\d{2})\\s*[年\\-/.]\\s*(\\d{1,2})\\s*[月\\-/.]\\s*(\\d{1,2})(?!\\d)");
    private static final Pattern URL_DATE = Pattern.compile(
        "(?<!\\d)((?:19|20)\\d{2})[-_/]?(0[1-9]|1[0-2])[-_/]?(0[1-9]|[12]\\d|3[01])(?!\\d)");
    private static final Pattern PAGE = Pattern.compile("第\\s*(\\d{1,3})\\s*版");
    private static final Pattern ISSUE = Pattern.compile("总第\\s*(\\d+)\\s*期");
    private static final List<String> DATE_META = List.of(
        "article:published_time", "publishdate", "publish_date", "pubdate", "publishtime", "published_time",
        "dc.date", "dc.date.issued", "date", "contentdate", "contenttime", "firstpublishedtime");

    private final PageLabels labels;
    private final PageFurniture furniture;
    private final ArticleEnricher enricher;

    public HtmlPageReader(PageLabels labels, PageFurniture furniture, ArticleEnricher enricher) {
        this.labels = labels;
        this.furniture = furniture;
        this.enricher = enricher;
    }

    public List<Article> read(String fileName, String html, TextPageReader.Stated stated) {
        Document page = Jsoup.parse(html);
        HtmlArticleLayout layout = HtmlArticleLayout.of(page, furniture);
        ArticleDraft draft = new ArticleDraft();
        layout.headline().ifPresent(headline -> {
            draft.kicker = headline.kicker();
            draft.title = headline.title();
            draft.subtitle = headline.subtitle();
            if (headline.lineAbove() != null) {
                labels.match(headline.lineAbove()).ifPresent(label -> draft.column = label.column());
            }
        });
        readBody(draft, layout.paragraphs());
        if (draft.paragraphs.isEmpty() && draft.captions.isEmpty()) {
            return List.of(); // navigation, an index of titles: no article on this page
        }
        String context = layout.surroundingText();
        LocalDate date = TextPageReader.first(metaDate(page), textDate(context), urlDate(canonicalUrl(page)), stated.publishedOn(),
            urlDate(fileName));
        Integer issue = TextPageReader.first(number(ISSUE, context), stated.issueNumber());
        Integer pageNumber = TextPageReader.first(number(PAGE, context), stated.page());
        return List.of(enricher.enrich(draft, new ArticleEnricher.IssueFacts(date, issue, pageNumber),
            new ArticleSource(fileName, "html", 1)));
    }

    /** The paragraphs of the article container, with the bylines the paper prints inside them taken out. */
    private static void readBody(ArticleDraft draft, List<HtmlArticleLayout.Block> blocks) {
        for (HtmlArticleLayout.Block block : withCreditsApart(blocks)) {
            String text = block.text();
            if (block.heading()) {
                draft.addIntertitle(text);
                continue;
            }
            Optional<List<Byline>> credit = BylineParser.photoCredit(text);
            Optional<List<Byline>> byline = BylineParser.bylineLine(text);
            Optional<Byline> signature = BylineParser.signature(text);
            Optional<BylineParser.Lead> lead = draft.paragraphs.isEmpty() ? BylineParser.lead(text) : Optional.empty();
            if (credit.isPresent()) {
                draft.bylines.addAll(credit.get());
                draft.lastParagraphIsCaption();
            } else if (byline.isPresent()) {
                draft.bylines.addAll(byline.get());
            } else if (signature.isPresent()) {
                draft.bylines.add(signature.get());
            } else if (lead.isPresent()) {
                draft.newsLead = true;
                draft.bylines.addAll(lead.get().bylines());
                draft.addParagraph(lead.get().rest());
            } else if (draft.paragraphs.isEmpty() && BylineParser.isNewsLead(text)) {
                draft.newsLead = true;
                draft.addParagraph(BylineParser.withoutDateline(text));
            } else {
                draft.addParagraph(text);
            }
        }
        // a page holding only a captioned photo is photo news
        draft.photo = draft.paragraphs.isEmpty() && !draft.captions.isEmpty();
    }

    /** A caption's paragraph that ends with its photo credit is a caption and a credit (as the paper prints them). */
    private static List<HtmlArticleLayout.Block> withCreditsApart(List<HtmlArticleLayout.Block> blocks) {
        List<HtmlArticleLayout.Block> apart = new java.util.ArrayList<>();
        for (HtmlArticleLayout.Block block : blocks) {
            Optional<String[]> split = block.heading() ? Optional.empty() : BylineParser.splitClosingCredit(block.text());
            if (split.isPresent()) {
                apart.add(new HtmlArticleLayout.Block(split.get()[0], false));
                apart.add(new HtmlArticleLayout.Block(split.get()[1], false));
            } else {
                apart.add(block);
            }
        }
        return apart;
    }

    private static LocalDate metaDate(Document page) {
        for (String name : DATE_META) {
            for (Element meta : page.select("meta[name], meta[property], meta[itemprop]")) {
                String key = meta.hasAttr("name") ? meta.attr("name")
                    : meta.hasAttr("property") ? meta.attr("property") : meta.attr("itemprop");
                if (key.equalsIgnoreCase(name) || (name.equals("date") && key.equalsIgnoreCase("datePublished"))) {
                    LocalDate date = textDate(meta.attr("content"));
                    if (date != null) {
                        return date;
                    }
                }
            }
        }
        for (Element time : page.select("time[datetime]")) {
            LocalDate date = textDate(time.attr("datetime"));
            if (date != null) {
                return date;
            }
        }
        return null;
    }

    private static String canonicalUrl(Document page) {
        Element canonical = page.selectFirst("link[rel=canonical][href], meta[property=og:url][content]");
        if (canonical == null) {
            return null;
        }
        return canonical.hasAttr("href") ? canonical.attr("href") : canonical.attr("content");
    }

    static LocalDate textDate(String text) {
        return text == null ? null : date(TEXT_DATE.matcher(text));
    }

    static LocalDate urlDate(String url) {
        return url == null ? null : date(URL_DATE.matcher(url));
    }

    private static LocalDate date(Matcher matcher) {
        while (matcher.find()) {
            try {
                return LocalDate.of(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)),
                    Integer.parseInt(matcher.group(3)));
            } catch (java.time.DateTimeException e) {
                // not a real date ("2025-13-40"); try the next candidate
            }
        }
        return null;
    }

    private static Integer number(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? Integer.valueOf(matcher.group(1)) : null;
    }
}
