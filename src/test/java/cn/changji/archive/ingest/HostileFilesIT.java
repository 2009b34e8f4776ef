package cn.changji.archive.ingest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import cn.changji.archive.api.Problem;
import cn.changji.archive.testing.TestIndex;
import cn.changji.archive.index.IndexBootstrap;
import cn.changji.archive.testing.Http;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;

/**
 * The hostile-input corpus (src/test/resources/hostile, plus inputs too big to keep there, made here): each file is
 * refused whole with a 4xx problem report naming it, and the index is exactly as before (count and a checksum of
 * the ids). Strange but readable text (emoji, direction marks, control characters in titles) is accepted, cleaned.
 */
@QuarkusTest
class HostileFilesIT {
    private static final Path CORPUS = Path.of("src/test/resources/hostile");

    @Inject
    ElasticsearchClient client;

    @Inject
    IndexBootstrap bootstrap;

    @BeforeEach
    void asWriter() throws IOException {
        Http.asWriter();
        bootstrap.ensureIndex();
    }

    private record Input(String name, String contentType, byte[] bytes) {}

    private static Input file(String name, String contentType) throws IOException {
        return new Input(name, contentType, Files.readAllBytes(CORPUS.resolve(name)));
    }

    static List<Input> refusedWhole() throws IOException {
        List<Input> inputs = new ArrayList<>();
        inputs.add(file("empty.txt", "text/plain"));
        inputs.add(file("binary.txt", "text/plain"));
        inputs.add(file("truncated-gbk.txt", "text/plain"));
        inputs.add(file("mixed-encodings.txt", "text/plain"));
        inputs.add(file("broken.json", "application/json"));
        inputs.add(file("wrong-types.json", "application/json"));
        byte[] page = "昌吉日报 第1版\n\n".repeat(1).getBytes(StandardCharsets.UTF_8);
        byte[] fifty = new byte[50 * 1024 * 1024];
        for (int i = 0; i < fifty.length; i++) {
            fifty[i] = page[i % page.length];
        }
        inputs.add(new Input("page-of-50-MB.txt", "text/plain", fifty));
        inputs.add(new Input("nested-100000-deep.json", "application/json",
            ("[".repeat(100_000) + "]".repeat(100_000)).getBytes(StandardCharsets.UTF_8)));
        inputs.add(new Input("nested-objects.json", "application/json",
            ("{\"a\":".repeat(50_000) + "1" + "}".repeat(50_000)).getBytes(StandardCharsets.UTF_8)));
        inputs.add(new Input("nul-in-json.ndjson", "application/x-ndjson",
            "{\"title\":\"a\u0000b\",\"body\":\u0000}\n".getBytes(StandardCharsets.UTF_8)));
        return inputs;
    }

    @Test
    void everyBrokenFileIsRefusedWholeByNameAndNothingChanges() throws Exception {
        String before = fingerprint();
        List<String> failures = new ArrayList<>();
        for (Input input : refusedWhole()) {
            Response response = upload(input);
            int status = response.statusCode();
            String body = response.asString();
            // the figures RELIABILITY.md quotes
            System.out.printf("hostile file %s (%d bytes) -> %d %s%n", input.name(), input.bytes().length, status, body);
            if (status / 100 != 4 || !response.contentType().startsWith(Problem.MEDIA_TYPE)) {
                failures.add(input.name() + " -> " + status + " " + body.substring(0, Math.min(300, body.length())));
            } else if (!body.contains(input.name())) {
                failures.add(input.name() + " -> " + status + " does not name the file: " + body.substring(0, Math.min(300, body.length())));
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        assertEquals(before, fingerprint(), "the index is as it was");
    }

    @Test
    void htmlWithScriptsAndTenThousandNestedTagsNeitherBreaksNorIndexesScript() throws Exception {
        String html = "<html><head><script>alert('x')</script><style>p{}</style></head><body><h1>深层嵌套的标题</h1>"
            + "<div>".repeat(10_000) + "<p>嵌套在一万层标签里的正文段落，应当被完整读出。<script>document.write('注入')</script></p>" + "</div>".repeat(10_000)
            + "<p onclick=\"alert(2)\">结尾段落同样应当进入正文，而脚本不应进入。</p></body></html>";
        Response response = given().contentType("text/html").body(html.getBytes(StandardCharsets.UTF_8))
            .queryParam("filename", "nested.html").when().post("/api/v1/imports");
        assertEquals(200, response.statusCode(), response.asString());
        assertEquals(1, response.jsonPath().getInt("indexed"), response.asString());
        List<ObjectNode> articles = articlesFrom("nested.html");
        assertEquals(1, articles.size());
        String body = articles.get(0).path("body").asText();
        assertTrue(body.contains("应当被完整读出"), body);
        assertEquals("深层嵌套的标题", articles.get(0).path("title").asText());
        assertFalse(body.contains("alert") || body.contains("注入") || body.contains("document.write"), body);
    }

    @Test
    void strangeButReadableTitlesAreCleanedAndKept() throws Exception {
        Input input = file("strange-titles.ndjson", "application/x-ndjson");
        // the one refused: the record of nothing but control characters
        assertPartlyImported(upload(input), 3, 1, 4);
        List<String> titles = articlesFrom(input.name()).stream().map(a -> a.path("title").asText()).toList();
        assertTrue(titles.contains("表情😀🚀标题"), "emoji are text: " + titles);
        assertTrue(titles.stream().allMatch(t -> t.codePoints().noneMatch(c -> Character.getType(c) == Character.CONTROL
            || Character.getType(c) == Character.FORMAT)), "no control or direction characters left: " + titles);
        assertTrue(titles.contains("从右到左标记"), titles.toString());
    }

    @Test
    void aBadLineInTheMiddleIsReportedByLineAndTheGoodOnesAreKept() throws Exception {
        assertPartlyImported(upload(file("bad-line-in-the-middle.ndjson", "application/x-ndjson")), 2, 1, 2);
    }

    /** A 200 report: this many indexed, this many refused, the first refused at this line. */
    private static void assertPartlyImported(Response response, int indexed, int failed, int firstBadLine) {
        assertEquals(200, response.statusCode(), response.asString());
        assertEquals(indexed, response.jsonPath().getInt("indexed"), response.asString());
        assertEquals(failed, response.jsonPath().getInt("failed"), response.asString());
        assertEquals(firstBadLine, response.jsonPath().getInt("errors[0].line"), response.asString());
    }

    private static Response upload(Input input) {
        return given().contentType(input.contentType()).body(input.bytes())
            .queryParam("filename", input.name()).when().post("/api/v1/imports");
    }

    private List<ObjectNode> articlesFrom(String file) throws IOException {
        client.indices().refresh(r -> r.index(TestIndex.ALIAS));
        return client.search(s -> s.index(TestIndex.ALIAS).query(q -> q.term(t -> t.field("source.file").value(file))),
            ObjectNode.class).hits().hits().stream().map(Hit::source).toList();
    }

    /** The number of articles and a hash of their ids. */
    private String fingerprint() throws IOException {
        return TestIndex.fingerprint(client, TestIndex.ALIAS);
    }
}
