package cn.changji.archive.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import cn.changji.archive.testing.Seeds;
import cn.changji.archive.article.Article;
import cn.changji.archive.article.Byline;

/** The seed pages, read into articles, against what a careful reader of each page finds on it. */
class TextPageReaderTest {
    private static final Pattern STRAY_SPACE = Pattern.compile("\\p{IsHan}[ \\t\\u3000]+\\p{IsHan}");

    private final TextPageReader reader = new TextPageReader(new PageTextParser(PageLabels.load(), PageFurniture.load()),
        Enrichers.builtIn());

    private List<Article> page(String prefix) throws IOException {
        Path file = Seeds.page(prefix);
        return reader.read(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8),
            TextPageReader.Stated.NOTHING);
    }

    private static Article titled(List<Article> articles, String title) {
        return articles.stream().filter(a -> title.equals(a.title())).findFirst()
            .orElseThrow(() -> new AssertionError("no article titled " + title + " in " + articles.stream().map(Article::title).toList()));
    }

    private static int count(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

    private static List<String> titles(List<Article> articles) {
        return articles.stream().map(Article::title).toList();
    }

    @Test
    void page000MastheadDateAndEveryArticle() throws IOException {
        List<Article> articles = page("000");
        assertEquals(List.of(
            "昌吉州与中科院举行科技合作座谈会",
            "昌吉州工商联(商会)七届五次执委会议召开 培育壮大经营主体 增强发展信心决心",
            "打造“风光”全产业链新标杆 新疆首个新能源产业发展联盟成立",
            "昌吉州拉紧煤矿安全生产“高压线”",
            "以“智”提效",
            "嘉润铝业:迈上低碳化智能化转型新“铝”程",
            "不妨“开门办活动”"), titles(articles));
        articles.forEach(a -> assertEquals(LocalDate.of(2025, 4, 16), a.publishedOn()));
        articles.forEach(a -> assertEquals(12234, a.issueNumber()));

        Article cas = titled(articles, "昌吉州与中科院举行科技合作座谈会");
        assertEquals(List.of(new Byline("左晓雨", Byline.REPORTER)), cas.bylines());
        assertEquals(Article.NEWS, cas.type());
        assertTrue(cas.body().startsWith("4月14日下午,昌吉回族自治州与中国科学院举行科技合作座谈会。"), cas.body());
        assertTrue(cas.body().contains("煤炭精细化工、新能源新材料等领域精耕细作"), "paragraph cut at the column break is rejoined");
        assertTrue(cas.body().endsWith("部分县市(园区)负责人参加座谈会。"));
        assertEquals(List.of(), cas.counties(), "prefecture-wide: 昌吉州 is not 昌吉市");
        assertTrue(cas.industries().contains("科技创新"));

        Article alliance = titled(articles, "打造“风光”全产业链新标杆 新疆首个新能源产业发展联盟成立");
        assertEquals(List.of("刘辉", "黄杰"), alliance.authors());
        assertEquals(List.of("木垒哈萨克自治县"), alliance.counties());
        assertTrue(alliance.industries().contains("新能源"));

        Article safety = titled(articles, "昌吉州拉紧煤矿安全生产“高压线”");
        assertEquals("建立“四不两直”督查机制", safety.kicker());
        assertTrue(safety.body().contains("各涉煤县市(园区)应急管理部门要强化"), "cut paragraph rejoined");
        assertTrue(safety.industries().contains("安全生产"));

        Article photo = titled(articles, "以“智”提效");
        assertEquals(Article.PHOTO, photo.type());
        assertEquals(List.of(new Byline("何龙", Byline.PHOTOGRAPHER)), photo.bylines());
        assertEquals(List.of("昌吉市"), photo.counties());

        Article aluminium = titled(articles, "嘉润铝业:迈上低碳化智能化转型新“铝”程");
        assertEquals(Article.FEATURE, aluminium.type());
        assertEquals(List.of("王薇"), aluminium.authors());
        assertTrue(aluminium.bylines().contains(new Byline("王薇", Byline.PHOTOGRAPHER)), "embedded photo credited in the story");
        assertTrue(aluminium.body().contains("铝锭主要销往河南、"), aluminium.body());
        assertTrue(aluminium.body().contains("码垛机器人抓取铝锭进行堆放"), "the embedded photo's caption stays with the story");
        assertEquals(List.of("玛纳斯县"), aluminium.counties());
        assertTrue(aluminium.industries().contains("新材料"));

        Article comment = titled(articles, "不妨“开门办活动”");
        assertEquals(Article.COMMENTARY, comment.type());
        assertEquals("今日点评", comment.column());
        assertEquals(List.of(new Byline("王新斌", Byline.COMMENTATOR)), comment.bylines());
    }

    @Test
    void page001ColumnsBylinesAndBrokenNames() throws IOException {
        List<Article> articles = page("001");
        assertEquals(List.of(
            "昌吉州:实施\"典范行动\"打造高质量发展先行区",
            "中国环境科学研究院 昌吉州生态环境科创中心揭牌",
            "我州评出2023年度 安全管理标准化示范班组",
            "天山面粉:做好小麦精深加工转化 生产新疆绿色面粉",
            "嘉峪关市文旅宣传推介会在昌举办"), titles(articles));
        articles.forEach(a -> assertEquals(LocalDate.of(2024, 1, 30), a.publishedOn()));
        articles.forEach(a -> assertEquals(11936, a.issueNumber()));

        Article feature = articles.get(0);
        assertEquals("典范地州·典范行动", feature.column());
        assertEquals(List.of(new Byline("刘茜", Byline.REPORTER)), feature.bylines());
        assertTrue(feature.body().contains("以高质量发展新成效扎实推进中国式现代化新疆实践"), "stray spaces removed");

        Article awards = articles.get(2);
        assertEquals("20个班组获69万元奖励", awards.subtitle());
        assertEquals("落实安全责任 推动安全发展", awards.column());
        assertEquals(List.of("杨鹤", "毛著魏"), awards.authors());

        Article flour = articles.get(3);
        assertEquals("新春走基层", flour.column());
        assertEquals(List.of(new Byline("杨鹤", Byline.REPORTER), new Byline("宋华敏", Byline.CORRESPONDENT),
            new Byline("杨鹤", Byline.PHOTOGRAPHER)), flour.bylines());
        assertTrue(flour.body().contains("工人正在包装面粉"));
        assertFalse(flour.body().contains("编者按"));
        assertTrue(flour.industries().contains("粮油"));

        Article tourism = articles.get(4);
        assertNull(tourism.column(), "编者按 belongs to the story above, it is no column");
        assertEquals(List.of("昌吉市"), tourism.counties());
        assertTrue(tourism.industries().contains("文化旅游"));
    }

    @Test
    void pagesWithoutMastheadHaveNoDateUnlessTheFileNameOrCallerGivesOne() throws IOException {
        for (String prefix : List.of("002", "003", "004")) {
            page(prefix).forEach(a -> assertNull(a.publishedOn(), prefix + ": " + a.title()));
        }
        String text = Files.readString(Path.of("seeds/003_1a2455d809e390f3.txt"));
        Article named = reader.read("2023-05-25_02.txt", text, TextPageReader.Stated.NOTHING).get(0);
        assertEquals(LocalDate.of(2023, 5, 25), named.publishedOn());
        assertEquals(2, named.page());
        Article stated = reader.read("page.txt", text, new TextPageReader.Stated(LocalDate.of(2023, 5, 26), 11700, 3)).get(0);
        assertEquals(LocalDate.of(2023, 5, 26), stated.publishedOn());
        assertEquals(11700, stated.issueNumber());
    }

    @Test
    void page002FeatureWithSubtitleAndCommentary() throws IOException {
        List<Article> articles = page("002");
        Article feature = articles.get(0);
        assertEquals("奋进奋夺创新鼎 走深走实创新路", feature.title());
        assertEquals("——昌吉州科技创新工作综述", feature.subtitle());
        assertEquals("高质量发展看昌吉", feature.column());
        assertEquals(List.of(new Byline("刘茜", Byline.REPORTER), new Byline("郭鹏飞", Byline.CORRESPONDENT),
            new Byline("何龙", Byline.PHOTOGRAPHER)), feature.bylines());
        assertTrue(feature.industries().contains("科技创新"));
        List<String> featureParagraphs = List.of(feature.body().split("\n\n"));
        assertTrue(featureParagraphs.contains("“智”变升级产业体系“发新枝”"), "sections after the news box stay in the feature");
        assertTrue(featureParagraphs.contains("“科创森林”枝繁叶茂"));
        assertTrue(feature.body().contains("新疆泰昆集团有限责任公司是一家"));
        assertTrue(feature.body().contains("建立产学研合作关系,攻克了一批关键核心技术。"),
            "the tail printed before its sentence goes back to it");
        assertEquals(1, count(feature.body(), "重点打造煤基、铝基、硅基"), "the garbled duplicate is dropped");
        assertTrue(feature.body().endsWith("运维技术人员在监测、检测设备运行情况(2月18日摄)。"), "the photo's caption last");

        Article box = titled(articles, "2023年昌吉州研究与试验发展经费投入15.68亿元");
        assertEquals("企业知识产权拥有量1510个", box.subtitle());
        assertEquals(Article.NEWS, box.type());
        assertTrue(box.body().startsWith("12月11日从昌吉州科学技术局获悉:"), box.body());
        assertTrue(box.body().endsWith("企业知识产权拥有量达1510个。"), "the news box set inside the feature holds its lead only");

        Article social = titled(articles, "推动社会工作高质量发展");
        assertEquals(List.of(new Byline("张佳", Byline.CORRESPONDENT)), social.bylines());

        Article comment = titled(articles, "小文创撬动大市场");
        assertEquals("庭州时评", comment.column());
        assertEquals(Article.COMMENTARY, comment.type());
        assertEquals(List.of("王婷"), comment.authors());
    }

    @Test
    void page003BannerDroppedAndColumnInsideTheHeadline() throws IOException {
        List<Article> articles = page("003");
        assertEquals(4, articles.size());
        Article feature = articles.get(0);
        assertEquals("融入发展新格局 凝聚发展新动能", feature.title());
        assertTrue(feature.subtitle().startsWith("——我州贯彻落实全区高质量发展"));
        assertNull(feature.kicker(), "the campaign banner is no kicker");
        assertTrue(feature.counties().contains("昌吉国家农业高新技术产业示范区"));

        Article gas = articles.get(3);
        assertEquals("吉木萨尔县从煤层“淘”气", gas.title());
        assertEquals("高质量发展调研行", gas.column());
        assertEquals(List.of("陈传松", "张锐"), gas.authors());
        assertEquals(List.of("吉木萨尔县"), gas.counties());
        assertTrue(gas.industries().contains("油气生产加工"));
        assertTrue(gas.body().contains("公司按照水溪沟矿区煤层气项目整体部署"), "sentence around the embedded photo rejoined");
    }

    @Test
    void page004PhotoNewsWithoutTitle() throws IOException {
        List<Article> articles = page("004");
        List<Article> photos = articles.stream().filter(a -> a.type().equals(Article.PHOTO)).toList();
        assertEquals(2, photos.size());
        assertNull(photos.get(0).title());
        assertEquals(List.of("梁宏涛"), photos.get(0).authors());
        assertTrue(photos.get(0).body().startsWith("3月24日,昌吉市消防救援大队"));
        assertTrue(photos.get(0).body().contains("全国中小学生安全教育日"));
        assertEquals(List.of("何春泉"), photos.get(1).authors());

        Article subsidy = titled(articles, "昌吉高新区为7家企业发放87万元清洁能源替代补贴");
        assertEquals(List.of("苻苻·马汗", "宋华敏"), subsidy.authors());
        assertEquals(List.of("昌吉国家高新技术产业开发区"), subsidy.counties());

        Article fund = titled(articles, "州住房公积金管理中心多措并举推动各项工作有序开展");
        assertEquals("明规矩 强作风 严制度 促工作", fund.kicker());
        assertTrue(fund.industries().contains("社会民生"));
    }

    @Test
    void everyArticleOfEverySeedIsCleanAndStable() throws IOException {
        for (String prefix : List.of("000", "001", "002", "003", "004")) {
            List<Article> first = page(prefix);
            List<Article> again = page(prefix);
            assertEquals(first.stream().map(Article::id).toList(), again.stream().map(Article::id).toList(), "ids are stable");
            assertEquals(first.size(), first.stream().map(Article::id).distinct().count(), "ids are unique");
            for (Article article : first) {
                assertFalse(STRAY_SPACE.matcher(article.body()).find(), prefix + " stray space in " + article.title());
                assertFalse(article.authors().isEmpty(), prefix + " no byline for " + article.title());
                assertTrue(Article.TYPES.contains(article.type()));
                assertFalse(article.body().isBlank());
                assertFalse(article.body().contains("本报讯"), "the dateline is not body text");
                assertTrue(article.title() == null || !article.title().contains("主题教育"), "banner taken for an article");
            }
        }
    }
}
