package cn.changji.archive.ingest;

import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

import cn.changji.archive.article.Article;
import cn.changji.archive.article.ArticleSource;
import cn.changji.archive.article.Byline;

/**
 * Turns a parsed draft into an Article, or completes a stated one: authors, type, counties, industries,
 * organisations, stable id.
 */
public final class ArticleEnricher {
    private static final Pattern COMMENTARY_COLUMN = Pattern.compile("点评|时评|评论|短评|观察");

    private final CountyTagger counties;
    private final IndustryTagger industries;
    private final OrganizationTagger organizations;

    public ArticleEnricher(CountyTagger counties, IndustryTagger industries, OrganizationTagger organizations) {
        this.counties = counties;
        this.industries = industries;
        this.organizations = organizations;
    }

    public record IssueFacts(LocalDate publishedOn, Integer issueNumber, Integer page) {}

    public CountyTagger counties() {
        return counties;
    }

    public IndustryTagger industries() {
        return industries;
    }

    public Article enrich(ArticleDraft draft, IssueFacts issue, ArticleSource source) {
        List<Byline> bylines = draft.bylines();
        Article parsed = new Article(null, draft.title(), draft.subtitle(), draft.kicker(), draft.column(), draft.body(),
            issue.publishedOn(), issue.issueNumber(), issue.page(), bylines, null, null, null, null,
            type(draft.column(), bylines, draft.isPhoto(), draft.isNews()), source);
        return complete(parsed);
    }

    /**
     * Fills in what an article does not state: id, authors (always including every byline), counties, industries,
     * organisations, type.
     */
    public Article complete(Article article) {
        String body = article.body() == null ? "" : article.body();
        List<Byline> bylines = article.bylines() == null ? List.of() : article.bylines();
        String headline = String.join(" ", nonNull(article.kicker(), article.title(), article.subtitle()));
        LinkedHashSet<String> authors = new LinkedHashSet<>(article.authors() == null ? List.of() : article.authors());
        bylines.forEach(byline -> authors.add(byline.name()));
        String type = article.type() != null ? article.type()
            : type(article.column(), bylines, false, BylineParser.isNewsLead(body));
        return new Article(
            article.id() != null ? article.id() : ArticleIds.of(article.title(), body),
            article.title(), article.subtitle(), article.kicker(), article.column(), body,
            article.publishedOn(), article.issueNumber(), article.page(),
            bylines, List.copyOf(authors),
            article.counties() != null ? article.counties() : counties.tag(headline, body),
            article.industries() != null ? article.industries() : industries.tag(headline, body),
            article.organizations() != null ? article.organizations() : organizations.tag(headline, body),
            type, article.source());
    }

    private static String type(String column, List<Byline> bylines, boolean photo, boolean news) {
        boolean commentator = bylines.stream().anyMatch(b -> b.role().equals(Byline.COMMENTATOR));
        if (commentator || (column != null && COMMENTARY_COLUMN.matcher(column).find())) {
            return Article.COMMENTARY;
        }
        if (photo) {
            return Article.PHOTO;
        }
        return news ? Article.NEWS : Article.FEATURE;
    }

    private static List<String> nonNull(String... parts) {
        return java.util.Arrays.stream(parts).filter(p -> p != null && !p.isBlank()).toList();
    }
}
