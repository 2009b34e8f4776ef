package cn.changji.archive.ingest;

import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

import cn.changji.archive.article.Article;
import cn.changji.archive.article.ArticleSource;
import cn.changji.archive.article.Byline;

/** Turns a parsed draft into an Article: authors, type, counties, industries and a stable id. */
public final class ArticleEnricher {
    private static final Pattern COMMENTARY_COLUMN = Pattern.compile("点评|时评|评论|短评|观察");

    private final CountyTagger counties;
    private final IndustryTagger industries;

    public ArticleEnricher(CountyTagger counties, IndustryTagger industries) {
        this.counties = counties;
        this.industries = industries;
    }

    public record IssueFacts(LocalDate publishedOn, Integer issueNumber, Integer page) {}

    public Article enrich(ArticleDraft draft, IssueFacts issue, ArticleSource source) {
        String body = draft.body();
        List<Byline> bylines = draft.bylines();
        String headline = String.join(" ", nonNull(draft.kicker(), draft.title(), draft.subtitle()));
        return new Article(
            ArticleIds.of(issue.publishedOn(), draft.title(), body),
            draft.title(), draft.subtitle(), draft.kicker(), draft.column(), body,
            issue.publishedOn(), issue.issueNumber(), issue.page(),
            bylines, authors(bylines),
            counties.tag(headline, body),
            industries.tag(headline, body),
            type(draft, bylines),
            source);
    }

    static List<String> authors(List<Byline> bylines) {
        LinkedHashSet<String> names = new LinkedHashSet<>();
        bylines.forEach(byline -> names.add(byline.name()));
        return List.copyOf(names);
    }

    private static String type(ArticleDraft draft, List<Byline> bylines) {
        boolean commentator = bylines.stream().anyMatch(b -> b.role().equals(Byline.COMMENTATOR));
        if (commentator || (draft.column() != null && COMMENTARY_COLUMN.matcher(draft.column()).find())) {
            return Article.COMMENTARY;
        }
        if (draft.isPhoto()) {
            return Article.PHOTO;
        }
        return draft.isNews() ? Article.NEWS : Article.FEATURE;
    }

    private static List<String> nonNull(String... parts) {
        return java.util.Arrays.stream(parts).filter(p -> p != null && !p.isBlank()).toList();
    }
}
