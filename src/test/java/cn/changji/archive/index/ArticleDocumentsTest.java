package cn.changji.archive.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cn.changji.archive.article.Article;
import cn.changji.archive.article.ArticleSource;
import cn.changji.archive.article.Byline;

class ArticleDocumentsTest {
    private final ObjectMapper mapper = new ObjectMapper().findAndRegisterModules()
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final ArticleDocuments documents = new ArticleDocuments(mapper);

    private static Article article(String title, ArticleSource source) {
        return new Article("a1", title, null, "引题", null, "正文第一段。\n\n第二段“引号”。", LocalDate.of(2025, 4, 16), 12234, 1,
            List.of(new Byline("刘辉", "reporter")), List.of("刘辉"), List.of("木垒哈萨克自治县"), List.of("新能源"), List.of("特变电工"), "news", source);
    }

    @Test
    void theHashIsTheOneEarlierVersionsStored() throws Exception {
        Article article = article("新能源产业发展联盟成立", new ArticleSource("page.html", "html", 3));
        // as it was computed before: the article as a tree, without its source, written out
        ObjectNode tree = mapper.valueToTree(article);
        tree.remove("source");
        String earlier = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(mapper.writeValueAsBytes(tree)));
        assertEquals(earlier, documents.of(article).hash());
    }

    @Test
    void theDocumentIsTheArticleWithItsSourceHashTimeAndSuggesterInputs() throws Exception {
        Article article = article("新能源产业发展联盟成立", new ArticleSource("page.html", "html", 3));
        ArticleDocuments.Document document = documents.of(article);
        JsonNode json = mapper.readTree(document.bytes());
        ObjectNode expected = mapper.valueToTree(article);
        expected.fieldNames().forEachRemaining(field -> assertEquals(expected.get(field), json.get(field), field));
        assertEquals(document.hash(), json.path("contentHash").asText());
        assertTrue(json.path("indexedAt").asText().matches("\\d{4}-\\d\\d-\\d\\dT.*Z"), json.path("indexedAt").asText());
        assertEquals(List.of("新能源产业发展联盟成立", "刘辉", "木垒哈萨克自治县", "特变电工"),
            mapper.convertValue(json.at("/suggest/input"), List.class));
    }

    @Test
    void anUntitledArticleWithoutSourceIsWrittenToo() throws Exception {
        JsonNode json = mapper.readTree(documents.of(article(null, null)).bytes());
        assertTrue(json.get("source").isNull());
        assertEquals(List.of("刘辉", "木垒哈萨克自治县", "特变电工"), mapper.convertValue(json.at("/suggest/input"), List.class));
    }
}
