package cn.changji.archive.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import cn.changji.archive.article.Article;
import cn.changji.archive.article.Byline;

/** Web-edition pages of three different layouts, and a page that holds no article. */
class HtmlPageReaderTest {
    private final HtmlPageReader reader = new HtmlPageReader(PageLabels.load(), PageFurniture.load(),
        Enrichers.builtIn());

    private Article only(String file, TextPageReader.Stated stated) throws IOException {
        List<Article> articles = read(file, stated);
        assertEquals(1, articles.size(), "one article per web-edition page");
        return articles.get(0);
    }

    private List<Article> read(String file, TextPageReader.Stated stated) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/html/" + file)) {
            return reader.read(file, new String(in.readAllBytes(), StandardCharsets.UTF_8), stated);
        }
    }

    @Test
    void epaperPageHeadlineFromHeadingsDateAndPageFromPageText() throws IOException {
        Article article = only("epaper-content_1.htm", TextPageReader.Stated.NOTHING);
        assertEquals("建立“四不两直”督查机制", article.kicker());
        assertEquals("昌吉州拉紧煤矿安全生产“高压线”", article.title());
        assertNull(article.subtitle());
        assertEquals(LocalDate.of(2025, 4, 16), article.publishedOn(), "from the page's date line, not the script");
        assertEquals(1, article.page());
        assertEquals(List.of(new Byline("吴建设", Byline.CORRESPONDENT), new Byline("李肖南", Byline.CORRESPONDENT)),
            article.bylines());
        assertEquals(Article.NEWS, article.type());
        assertTrue(article.body().startsWith("为进一步压实煤矿安全生产责任,".replace(',', '，')), article.body());
        assertTrue(article.body().contains("对辖区煤矿开展常态化暗查暗访"), "stray space removed");
        assertTrue(article.body().contains("要强化监管执法"), "no-break space removed");
        assertTrue(article.body().endsWith("确保整改到位。"), article.body());
        assertEquals(3, article.body().split("\n\n").length);
        assertFalse(article.body().contains("中科院"), "the list of other titles stays out");
        assertFalse(article.body().contains("分享"));
        assertFalse(article.body().contains("版权"));
        assertTrue(article.industries().contains("安全生产"));
        assertEquals("html", article.source().format());
    }

    @Test
    void cmsPageMetaDateBylineLineIntertitleAndPhotoInsideTheStory() throws IOException {
        Article article = only("news-20250417.html", TextPageReader.Stated.NOTHING);
        assertEquals("嘉润铝业：迈上低碳化智能化转型新“铝”程", article.title());
        assertNull(article.kicker());
        assertEquals(LocalDate.of(2025, 4, 17), article.publishedOn(), "from the publishdate meta tag");
        assertEquals(List.of(new Byline("刘茜", Byline.REPORTER), new Byline("郭鹏飞", Byline.CORRESPONDENT),
            new Byline("陈传松", Byline.PHOTOGRAPHER)), article.bylines());
        assertEquals(List.of("刘茜", "郭鹏飞", "陈传松"), article.authors());
        assertEquals(Article.FEATURE, article.type());
        List<String> paragraphs = List.of(article.body().split("\n\n"));
        assertTrue(paragraphs.get(0).startsWith("走进位于准东经济技术开发区"), paragraphs.get(0));
        assertTrue(paragraphs.contains("智能化改造提效率"), "intertitle kept as its own paragraph");
        assertTrue(paragraphs.contains("工人在电解铝生产车间作业。"), "the photo's caption stays with the story");
        assertFalse(article.body().contains("摄"), "the photo credit is a byline, not text");
        assertFalse(article.body().contains("责任编辑"));
        assertFalse(article.body().contains("热点新闻"));
        assertFalse(article.body().contains("来源"));
        assertEquals(List.of("准东经济技术开发区"), article.counties());
        assertTrue(article.industries().contains("新材料"), article.industries().toString());
    }

    @Test
    void commentaryWithoutH1DateFromCanonicalUrlColumnAndSignature() throws IOException {
        Article article = only("commentary.html", TextPageReader.Stated.NOTHING);
        assertEquals("不妨“开门办活动”", article.title());
        assertEquals("今日点评", article.column());
        assertEquals(LocalDate.of(2025, 4, 16), article.publishedOn(), "from the canonical URL .../2025-04/16/...");
        assertEquals(List.of(new Byline("王新斌", Byline.COMMENTATOR)), article.bylines());
        assertEquals(Article.COMMENTARY, article.type());
        assertTrue(article.body().startsWith("近期，不少单位"), article.body());
        assertTrue(article.body().endsWith("问计于民。"), article.body());
        assertEquals(3, article.body().split("\n\n").length);
        assertFalse(article.body().contains("0994"), "footer stays out");
    }

    @Test
    void statedDateIsUsedOnlyWhenThePageGivesNone() throws IOException {
        LocalDate stated = LocalDate.of(2030, 1, 1);
        assertEquals(LocalDate.of(2025, 4, 17),
            only("news-20250417.html", new TextPageReader.Stated(stated, null, null)).publishedOn());
        String noDate = "<html><body><h1>测试标题</h1><div><p>这是一段足够长的正文内容，用来测试没有日期的网页。</p></div></body></html>";
        assertEquals(stated, reader.read("a.html", noDate, new TextPageReader.Stated(stated, null, null)).get(0).publishedOn());
        assertNull(reader.read("a.html", noDate, TextPageReader.Stated.NOTHING).get(0).publishedOn());
        assertEquals(LocalDate.of(2025, 4, 3),
            reader.read("2025-04-03_05.html", noDate, TextPageReader.Stated.NOTHING).get(0).publishedOn());
    }

    @Test
    void pageWithOnlyNavigationAndListsHasNoArticle() throws IOException {
        assertEquals(List.of(), read("index.html", TextPageReader.Stated.NOTHING));
    }

    @Test
    void sameArticleImportedTwiceGetsTheSameId() throws IOException {
        assertEquals(only("commentary.html", TextPageReader.Stated.NOTHING).id(),
            only("commentary.html", TextPageReader.Stated.NOTHING).id());
    }
}
