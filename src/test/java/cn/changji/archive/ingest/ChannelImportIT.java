package cn.changji.archive.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import cn.changji.archive.testing.Http;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Text copied from an e-paper page and from a news-site page, imported as text/plain: one article each, as printed. */
@QuarkusTest
class ChannelImportIT {
    private static final Path SET = Path.of("src/test/resources/channels");

    @BeforeEach
    void writer() {
        Http.asWriter();
    }

    private static JsonPath imported(String file) throws IOException {
        byte[] page = Files.readAllBytes(SET.resolve(file));
        given().contentType("text/plain; charset=UTF-8").body(page).queryParam("filename", file)
            .when().post("/api/v1/imports").then().statusCode(200).body("read", equalTo(1)).body("failed", equalTo(0));
        return given().contentType("text/plain; charset=UTF-8").body(page).queryParam("filename", file).queryParam("dryRun", "true")
            .when().post("/api/v1/imports").then().statusCode(200).extract().jsonPath();
    }

    private static void assertNoFurniture(String body) {
        for (String furniture : List.of("发布时间", "来源", "当前位置", "字体", "分享到", "浏览次数", "国内统一刊号", "电子报阅读机",
            "当前报纸名称", "版权所有", "上一版")) {
            assertFalse(body.contains(furniture), "'" + furniture + "' in the body: " + body);
        }
    }

    @Test
    void aCopiedEpaperPageIsOneArticleWithItsTitleDateAndBylines() throws IOException {
        JsonPath answer = imported("ept01.txt");
        assertEquals(1, answer.getList("articles").size());
        assertEquals("阜康抽水蓄能电站首台机组并网发电", answer.getString("articles[0].title"));
        assertEquals("2025-06-20", answer.getString("articles[0].publishedOn"));
        assertEquals(1, answer.getInt("articles[0].page"));
        assertEquals(List.of("刘辉", "黄杰"), answer.getList("articles[0].authors"));
        assertEquals(List.of("reporter", "correspondent"), answer.getList("articles[0].bylines.role"));
        assertEquals("news", answer.getString("articles[0].type"));
        assertNoFurniture(answer.getString("articles[0].body"));
    }

    @Test
    void aCopiedNewsSitePageIsOneArticleWithItsTitleDateAndBylines() throws IOException {
        JsonPath answer = imported("cjwt02.txt");
        assertEquals(1, answer.getList("articles").size());
        assertEquals("昌吉高新区企业研发投入增长两成", answer.getString("articles[0].title"));
        assertEquals("2025-07-08", answer.getString("articles[0].publishedOn"));
        assertEquals(List.of("刘茜", "郭鹏飞"), answer.getList("articles[0].authors"));
        assertEquals("news", answer.getString("articles[0].type"));
        assertEquals(List.of("昌吉国家高新技术产业开发区"), answer.getList("articles[0].counties"));
        assertNoFurniture(answer.getString("articles[0].body"));
        given().queryParam("q", "研发投入").when().get("/api/v1/articles/search")
            .then().statusCode(200).body("hits[0].title", equalTo("昌吉高新区企业研发投入增长两成"));
    }
}
