package cn.changji.archive.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import cn.changji.archive.api.Problem;
import cn.changji.archive.testing.TestIndex;
import cn.changji.archive.index.IndexBootstrap;
import cn.changji.archive.testing.Http;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** Every bad file a user can send gets a problem report naming it, and nothing already indexed changes. */
@QuarkusTest
class BadImportsIT {

    @BeforeEach
    void asWriter() {
        Http.asWriter();
    }

    @Inject
    ElasticsearchClient client;

    @Inject
    IndexBootstrap bootstrap;

    private long countBefore;

    @BeforeEach
    void count() throws IOException {
        bootstrap.ensureIndex();
        countBefore = TestIndex.count(client, TestIndex.ALIAS);
    }

    @AfterEach
    void nothingHarmed() throws IOException {
        assertEquals(countBefore, TestIndex.count(client, TestIndex.ALIAS), "the index is as it was");
    }

    private static io.restassured.response.ValidatableResponse post(String contentType, byte[] body, String filename) {
        return given().contentType(contentType).body(body).queryParam("filename", filename)
            .when().post("/api/v1/imports").then().contentType(Problem.MEDIA_TYPE);
    }

    @Test
    void emptyFile() {
        post("text/plain", new byte[0], "empty.txt").statusCode(400)
            .body("detail", equalTo("The file 'empty.txt' is empty."));
        post("text/plain", "  \n\n ".getBytes(StandardCharsets.UTF_8), "blank.txt").statusCode(400)
            .body("detail", containsString("'blank.txt' holds only whitespace"));
    }

    @Test
    void binaryFile() {
        byte[] pdf = "%PDF-1.7\n%\u00e2\u00e3\n1 0 obj".getBytes(StandardCharsets.ISO_8859_1);
        post("text/plain", pdf, "page.txt").statusCode(415).body("detail", containsString("'page.txt' is a PDF file"));
        byte[] noise = new byte[2048];
        new java.util.Random(7).nextBytes(noise);
        noise[10] = 0;
        post("application/octet-stream", noise, "2025-04-16_01.txt").statusCode(415).body("title", equalTo("Unsupported Media Type"));
    }

    @Test
    void fileOverTheSizeLimit() {
        byte[] big = "昌吉日报。\n".repeat(120_000).getBytes(StandardCharsets.UTF_8);
        post("text/plain", big, "big.txt").statusCode(413)
            .body("detail", containsString("'big.txt' has " + big.length + " bytes"));
    }

    @Test
    void undecodableBytes() {
        byte[] bytes = "昌吉州与中科院举行科技合作座谈会\n".getBytes(StandardCharsets.UTF_8);
        byte[] broken = java.util.Arrays.copyOf(bytes, bytes.length + 2);
        broken[bytes.length] = (byte) 0xC3;
        broken[bytes.length + 1] = (byte) 0x28;
        post("text/plain; charset=UTF-8", broken, "bad.txt").statusCode(400)
            .body("detail", containsString("the bytes at offset " + bytes.length + " are not valid in the declared charset UTF-8"));
        post("text/plain; charset=no-such-charset", bytes, "bad.txt").statusCode(415)
            .body("detail", containsString("Unknown charset 'no-such-charset'"));
    }

    @Test
    void brokenJsonNamesLineAndColumn() {
        post("application/json", "[\n{\"title\": \"a\",\n \"body\" 1}\n]".getBytes(StandardCharsets.UTF_8), "broken.json")
            .statusCode(422)
            .body("errors[0].file", equalTo("broken.json"))
            .body("errors[0].line", equalTo(3))
            .body("errors[0].column", equalTo(9))
            .body("errors[0].reason", containsString("invalid JSON"));
    }

    @Test
    void articleWithoutTitleAndBody() {
        post("application/x-ndjson", "{\"kicker\":\"只有引题\"}\n{\"title\":\"\",\"body\":\"  \"}".getBytes(StandardCharsets.UTF_8), "x.ndjson")
            .statusCode(422)
            .body("errors.line", hasItems(1, 2))
            .body("errors.field", hasItems("title"))
            .body("errors[0].reason", equalTo("an article needs a title or a body; this one has neither"));
    }

    @Test
    void pageWithNoArticle() {
        post("text/plain", "扎实开展学习贯彻习近平新时代中国特色社会主义思想主题教育\n".getBytes(StandardCharsets.UTF_8), "banner.txt")
            .statusCode(422).body("detail", containsString("No article found in 'banner.txt'"));
    }

    @Test
    void unknownFormatAndBadParameters() {
        post("application/pdf", "x".getBytes(StandardCharsets.UTF_8), "scan").statusCode(415)
            .body("detail", containsString("Cannot tell the format of 'scan'"));
        given().contentType("text/plain").body("标题\n正文。".getBytes(StandardCharsets.UTF_8))
            .queryParam("publishedOn", "16/04/2025").when().post("/api/v1/imports")
            .then().statusCode(400).contentType(Problem.MEDIA_TYPE)
            .body("detail", equalTo("Query parameter 'publishedOn' must be an ISO date (yyyy-MM-dd), got '16/04/2025'."));
        given().contentType("text/plain").body("标题\n正文。".getBytes(StandardCharsets.UTF_8))
            .queryParam("page", "-1").when().post("/api/v1/imports")
            .then().statusCode(400).body("detail", containsString("'page' must be a positive whole number"));
    }

    @Test
    void oneBadRecordNeverLosesTheGoodOnes() throws IOException {
        String ndjson = "{\"title\":\"坏记录测试好文章甲\",\"body\":\"正文甲。\"}\n{\"title\":\"坏\",\"publishedOn\":\"yesterday\"}\n"
            + "{\"title\":\"坏记录测试好文章乙\",\"body\":\"正文乙。\"}\n";
        given().contentType("application/x-ndjson").body(ndjson.getBytes(StandardCharsets.UTF_8))
            .when().post("/api/v1/articles")
            .then().statusCode(200)
            .body("read", equalTo(3)).body("indexed", equalTo(2)).body("failed", equalTo(1))
            .body("errors[0].line", equalTo(2)).body("errors[0].field", equalTo("publishedOn"));
        countBefore += 2;
    }
}
