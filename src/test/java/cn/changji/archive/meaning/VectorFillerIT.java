package cn.changji.archive.meaning;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.changji.archive.article.Article;
import cn.changji.archive.ingest.ArticleImporter;
import cn.changji.archive.search.SeededArchive;
import cn.changji.archive.testing.Http;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

/** The service's background thread gives imported articles their vectors by itself, and says how far it is. */
@QuarkusTest
@TestProfile(VectorFillerIT.Background.class)
class VectorFillerIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration AT_MOST = Duration.ofSeconds(180);

    public static class Background implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("archive.index.alias", "vectorbg", "archive.vectors.enabled", "true",
                "archive.vectors.cpu-share", "1.0", "archive.vectors.import-pause", "1s", "archive.vectors.idle-pause", "1s");
        }
    }

    @Inject
    ArticleImporter importer;

    @Test
    void importedArticlesGetTheirVectorsInTheBackground() throws Exception {
        Http.asWriter();
        List<Article> seeds = SeededArchive.importAll(importer);
        long articles = seeds.stream().map(Article::id).distinct().count();
        long deadline = System.nanoTime() + AT_MOST.toNanos();
        JsonNode progress = progress();
        while (!(progress.path("articles").asLong() >= articles && progress.path("pending").asLong() == 0)) {
            assertTrue(System.nanoTime() < deadline, "vectors still missing after " + AT_MOST + ": " + progress);
            Thread.sleep(500);
            progress = progress();
        }
        assertEquals(progress.path("articles").asLong(), progress.path("withVector").asLong());
        assertTrue(progress.path("computedSinceStart").asLong() >= articles, progress.toString());
        assertTrue(List.of("filling", "up_to_date", "paused_for_import").contains(progress.path("state").asText()),
            progress.toString());
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.lines().anyMatch(line -> line.startsWith("archive_vectors_computed_total") && !line.endsWith(" 0.0")),
            "archive_vectors_computed_total counts them");
        assertEquals("meaning", given().when().get("/api/v1/articles/" + seeds.get(0).id() + "/related")
            .then().statusCode(200).extract().header("X-Related-By"));
    }

    private static JsonNode progress() throws IOException {
        return JSON.readTree(given().when().get("/api/v1/vectors").then().statusCode(200).extract().asByteArray());
    }
}
