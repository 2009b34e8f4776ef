package cn.changji.archive.ingest;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import cn.changji.archive.article.Article;
import cn.changji.archive.article.ArticleSource;

/**
 * Reads one page of text into articles: the paper's PDF text (several articles under a masthead) or text copied
 * from a web or e-paper page (one article among furniture). The date comes from the page (its masthead, its
 * 发布时间 or date line), else from what the caller states, else from a date in the file name
 * ("2025-04-16_01.txt"); otherwise it stays null.
 */
public final class TextPageReader {
    private static final Pattern FILE_DATE = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})(?:[_-](\\d{1,2}))?");

    private final PageTextParser parser;
    private final ArticleEnricher enricher;

    public TextPageReader(PageTextParser parser, ArticleEnricher enricher) {
        this.parser = parser;
        this.enricher = enricher;
    }

    /** What the caller knows about the page; any of it may be null. */
    public record Stated(LocalDate publishedOn, Integer issueNumber, Integer page) {
        public static final Stated NOTHING = new Stated(null, null, null);
    }

    public List<Article> read(String fileName, String text, Stated stated) {
        PageTextParser.ParsedPage page = parser.parse(text);
        Masthead masthead = page.masthead();
        Matcher fromName = FILE_DATE.matcher(fileName == null ? "" : fileName);
        boolean named = fromName.find();
        LocalDate date = first(page.pageDate(), stated.publishedOn(), named ? fileDate(fromName) : null);
        Integer issue = first(masthead.issueNumber(), stated.issueNumber());
        Integer pageNumber = first(page.pageNumber(), stated.page(),
            named && fromName.group(4) != null ? Integer.valueOf(fromName.group(4)) : null);
        ArticleEnricher.IssueFacts facts = new ArticleEnricher.IssueFacts(date, issue, pageNumber);
        List<Article> articles = new ArrayList<>();
        int position = 0;
        for (ArticleDraft draft : page.articles()) {
            articles.add(enricher.enrich(draft, facts, new ArticleSource(fileName, "text", ++position)));
        }
        return articles;
    }

    private static LocalDate fileDate(Matcher matcher) {
        try {
            return LocalDate.of(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)),
                Integer.parseInt(matcher.group(3)));
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    /** The first of the candidates that is known. */
    @SafeVarargs
    static <T> T first(T... candidates) {
        for (T candidate : candidates) {
            if (candidate != null) {
                return candidate;
            }
        }
        return null;
    }
}
