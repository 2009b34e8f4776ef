package cn.changji.archive.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import cn.changji.archive.article.Article;
import cn.changji.archive.article.Byline;
import cn.changji.archive.article.RejectedRecord;

class JsonArticleReaderTest {
    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final ArticleEnricher enricher = Enrichers.builtIn();
    private final JsonArticleReader reader = new JsonArticleReader(MAPPER, enricher);

    private static final String GOOD = """
        {"title":"木垒县风电项目并网发电","body":"本报讯 记者刘辉报道:近日,木垒县百万千瓦风电项目全容量并网发电。","publishedOn":"2025-04-16","bylines":[{"name":"刘辉","role":"reporter"}]}""";

    @Test
    void ndjsonArticlesReadEachLineOnlyWhenItsArticleIsAskedFor() {
        String ndjson = String.join("\n", GOOD, "{\"title\":\"broken\",", GOOD.replace("木垒县", "奇台县"), "[1]");
        List<RejectedRecord> rejected = new java.util.ArrayList<>();
        java.util.Iterator<Article> articles = reader.ndjsonArticles("lazy.ndjson", ndjson, TextPageReader.Stated.NOTHING, rejected);

        assertEquals("木垒县风电项目并网发电", articles.next().title());
        assertEquals(List.of(), rejected, "the broken line 2 is not read yet");
        assertEquals("奇台县风电项目并网发电", articles.next().title());
        assertEquals(List.of(2), rejected.stream().map(RejectedRecord::line).toList());
        assertFalse(articles.hasNext());
        assertEquals(List.of(2, 4), rejected.stream().map(RejectedRecord::line).toList());
        assertEquals(List.of(2, 4), rejected.stream().map(RejectedRecord::position).toList());
    }

    @Test
    void ndjsonKeepsGoodRecordsAndNamesEachBadOneByLineAndField() {
        String ndjson = String.join("\n",
            GOOD,
            "",
            "{\"title\":\"broken\",",
            "{\"title\":\"日期不对\",\"body\":\"正文。\",\"publishedOn\":\"16/04/2025\"}",
            "{\"title\":\"县名不对\",\"body\":\"正文。\",\"counties\":[\"昌吉州\"]}",
            "{\"subtitle\":\"只有副题\"}",
            "{\"title\":\"多余字段\",\"body\":\"正文。\",\"titel\":\"x\"}",
            "{\"title\":\"角色不对\",\"body\":\"正文。\",\"bylines\":[{\"name\":\"刘茜\",\"role\":\"editor\"}]}",
            "[1,2]",
            "{\"title\":\"准东煤矿安全检查\",\"body\":\"准东开展煤矿安全生产检查。\",\"counties\":[\"准东经济技术开发区\"],\"type\":\"news\"}",
            "");
        Extraction extraction = reader.readNdjson("batch.ndjson", ndjson, TextPageReader.Stated.NOTHING);

        assertEquals(List.of("木垒县风电项目并网发电", "准东煤矿安全检查"),
            extraction.articles().stream().map(Article::title).toList());
        Map<Integer, RejectedRecord> byLine = new java.util.TreeMap<>();
        extraction.rejected().forEach(r -> byLine.put(r.line(), r));
        assertEquals(List.of(3, 4, 5, 6, 7, 8, 9), List.copyOf(byLine.keySet()), extraction.rejected().toString());
        assertTrue(byLine.get(3).reason().startsWith("invalid JSON"), byLine.get(3).reason());
        assertNotNull(byLine.get(3).column());
        assertEquals("publishedOn", byLine.get(4).field());
        assertEquals("counties[0]", byLine.get(5).field());
        assertTrue(byLine.get(5).reason().contains("昌吉市"), "lists the vocabulary");
        assertEquals("title", byLine.get(6).field());
        assertEquals("titel", byLine.get(7).field());
        assertEquals("bylines[0].role", byLine.get(8).field());
        assertEquals(8, byLine.get(9).position(), "position counts records; the blank line 2 is none");
        byLine.values().forEach(r -> assertEquals("batch.ndjson", r.file()));

        assertNull(extraction.articles().get(0).id(), "read as stated; the importer completes it");
        Article first = enricher.complete(extraction.articles().get(0));
        assertEquals(LocalDate.of(2025, 4, 16), first.publishedOn());
        assertEquals(List.of("刘辉"), first.authors());
        assertEquals(List.of("木垒哈萨克自治县"), first.counties(), "tagged when not stated");
        assertEquals(Article.NEWS, first.type(), "本报讯 opening: news");
        assertEquals("ndjson", first.source().format());
        assertEquals(1, first.source().position());
        assertNotNull(first.id());
        assertEquals(List.of("准东经济技术开发区"), enricher.complete(extraction.articles().get(1)).counties());
    }

    @Test
    void jsonArrayKeepsTheRecordsBeforeASyntaxErrorAndSaysWhere() {
        String json = "[\n" + GOOD + ",\n" + GOOD.replace("并网发电", "开工") + ",\n{\"title\": \"x\" \"body\": 1}\n]";
        Extraction extraction = reader.readJson("a.json", json, TextPageReader.Stated.NOTHING);
        assertEquals(2, extraction.articles().size());
        RejectedRecord broken = extraction.rejected().get(0);
        assertEquals(4, broken.line());
        assertEquals(15, broken.column());
        assertTrue(broken.reason().contains("nothing after this point was read"), broken.reason());
    }

    @Test
    void dryRunAnswerGoesBackInUnchanged() throws Exception {
        Article article = enricher.complete(reader.readNdjson("a.ndjson", GOOD, TextPageReader.Stated.NOTHING).articles().get(0));
        String answer = MAPPER.writeValueAsString(Map.of("articles", List.of(article)));
        Extraction again = reader.readJson("b.json", answer, TextPageReader.Stated.NOTHING);
        assertEquals(List.of(), again.rejected());
        Article back = again.articles().get(0);
        assertEquals(article.id(), back.id());
        assertEquals(article.body(), back.body());
        assertEquals(article.bylines(), back.bylines());
        assertEquals(article.counties(), back.counties());
    }

    @Test
    void everySeedPageRoundTripsThroughJsonAndNdjsonUnchanged() throws Exception {
        TextPageReader pages = new TextPageReader(new PageTextParser(PageLabels.load(), PageFurniture.load()), enricher);
        try (var files = java.nio.file.Files.newDirectoryStream(java.nio.file.Path.of("seeds"), "*.txt")) {
            for (java.nio.file.Path file : files) {
                List<Article> read = pages.read(file.getFileName().toString(), java.nio.file.Files.readString(file),
                    TextPageReader.Stated.NOTHING);
                Extraction json = reader.readJson("x.json", MAPPER.writeValueAsString(Map.of("articles", read)),
                    TextPageReader.Stated.NOTHING);
                StringBuilder ndjson = new StringBuilder();
                for (Article article : read) {
                    ndjson.append(MAPPER.writeValueAsString(article)).append('\n');
                }
                Extraction lines = reader.readNdjson("x.ndjson", ndjson.toString(), TextPageReader.Stated.NOTHING);
                assertEquals(List.of(), json.rejected(), file.toString());
                assertEquals(List.of(), lines.rejected(), file.toString());
                for (int i = 0; i < read.size(); i++) {
                    Article original = read.get(i);
                    for (Article back : List.of(json.articles().get(i), lines.articles().get(i))) {
                        assertEquals(original.id(), back.id());
                        assertEquals(original.title(), back.title());
                        assertEquals(original.body(), back.body());
                        assertEquals(original.bylines(), back.bylines());
                        assertEquals(original.authors(), back.authors());
                        assertEquals(original.counties(), back.counties());
                        assertEquals(original.industries(), back.industries());
                        assertEquals(original.type(), back.type());
                        assertEquals(original.publishedOn(), back.publishedOn());
                    }
                }
            }
        }
    }

    @Test
    void statedValuesAreKeptAndStatedDateFillsOnlyTheGaps() {
        String json = """
            [{"title":"专题","body":"正文。","bylines":[{"name":"苻苻 · 马汗","role":"photographer"}],"authors":["王新斌"],"industries":[],"counties":[]},
             {"title":"有日期","body":"正文。","publishedOn":"2024-01-02"}]""";
        Extraction extraction = reader.readJson("x.json", json, new TextPageReader.Stated(LocalDate.of(2025, 1, 1), 12000, 3));
        assertNull(extraction.articles().get(0).id(), "read as stated; the importer completes it");
        Article first = enricher.complete(extraction.articles().get(0));
        assertEquals(List.of(new Byline("苻苻·马汗", Byline.PHOTOGRAPHER)), first.bylines(), "stray spaces in names removed");
        assertEquals(List.of("王新斌", "苻苻·马汗"), first.authors());
        assertEquals(List.of(), first.industries());
        assertEquals(LocalDate.of(2025, 1, 1), first.publishedOn());
        assertEquals(12000, first.issueNumber());
        assertEquals(LocalDate.of(2024, 1, 2), extraction.articles().get(1).publishedOn());
    }

    @Test
    void emptyAndNonArticleJsonAreRefusedClearly() {
        assertEquals("no JSON in the file", reader.readJson("e.json", "  ", TextPageReader.Stated.NOTHING).rejected().get(0).reason());
        RejectedRecord scalar = reader.readJson("s.json", "42", TextPageReader.Stated.NOTHING).rejected().get(0);
        assertTrue(scalar.reason().startsWith("expected an array of articles"), scalar.reason());
        assertNull(reader.readJson("s.json", "[]", TextPageReader.Stated.NOTHING).rejected().stream().findFirst().orElse(null));
    }
}
