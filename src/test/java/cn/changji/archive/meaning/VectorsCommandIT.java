package cn.changji.archive.meaning;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.changji.archive.api.Problem;
import cn.changji.archive.article.Article;
import cn.changji.archive.cli.VectorsCommand;
import cn.changji.archive.index.Reindexer;
import cn.changji.archive.ingest.ArticleImporter;
import cn.changji.archive.search.SeededArchive;
import cn.changji.archive.testing.Http;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;

/**
 * Related articles by words until the articles have vectors, by meaning once the command line's {@code vectors} gave
 * them theirs: on the seed pages, with the real model and the real Elasticsearch. The background thread is off here
 * (as in every test but {@link VectorFillerIT}), so the command does all the work.
 */
@QuarkusTest
@TestProfile(VectorsCommandIT.OwnArchive.class)
class VectorsCommandIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALIAS = "vectortest";

    public static class OwnArchive implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("archive.index.alias", ALIAS, "archive.vectors.enabled", "false");
        }
    }

    @Inject
    ArticleImporter importer;

    @Inject
    VectorsCommand command;

    @Inject
    ElasticsearchClient client;

    @Inject
    Reindexer reindexer;

    @Test
    void relatedByWordsUntilTheCommandGivesEveryArticleItsVectorThenByMeaning() throws Exception {
        Http.asWriter();
        List<Article> seeds = SeededArchive.importAll(importer);
        importProjects(150); // more hits of 新能源 than hybrid's window: its later pages come from the words alone
        Article flourMill = seeds.stream().filter(a -> a.title() != null && a.title().startsWith("天山面粉"))
            .findFirst().orElseThrow();

        assertEquals("words", related(flourMill.id(), "").header("X-Related-By"));
        JsonNode before = progress();
        assertEquals("disabled", before.path("state").asText());
        assertTrue(before.path("pending").asLong() > 0, before.toString());

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = command.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, exit, err.toString(StandardCharsets.UTF_8));
        JsonNode report = JSON.readTree(out.toByteArray());
        assertEquals(before.path("pending").asLong(), report.path("stored").asLong(), report.toString());
        // the index shows the last batch's vectors after its next refresh (within a second)
        JsonNode after = progress();
        for (int i = 0; i < 50 && after.path("pending").asLong() > 0; i++) {
            Thread.sleep(100);
            after = progress();
        }
        assertEquals(0, after.path("pending").asLong(), after.toString());
        assertEquals(after.path("articles").asLong(), after.path("withVector").asLong());
        assertTrue(after.path("modelLoaded").asBoolean());

        Response related = related(flourMill.id(), "");
        assertEquals("meaning", related.header("X-Related-By"));
        List<String> ids = related.jsonPath().getList("id", String.class);
        assertEquals(5, ids.size(), ids.toString());
        assertFalse(ids.contains(flourMill.id()));

        // within the article's county: every one is in it
        String project = search(Map.of("q", "新能源项目", "county", "木垒哈萨克自治县")).getString("hits[0].id");
        Response sameCounty = related(project, "county");
        assertEquals("meaning", sameCounty.header("X-Related-By"));
        List<List<String>> counties = sameCounty.jsonPath().getList("counties");
        assertEquals(5, counties.size());
        for (List<String> theirs : counties) {
            assertTrue(theirs.contains("木垒哈萨克自治县"), theirs.toString());
        }

        // search by meaning: the flour mill's article for words it does not use as such
        List<String> meant = search(Map.of("q", "小麦面粉加工", "mode", "semantic")).getList("hits.id", String.class);
        assertTrue(meant.subList(0, Math.min(3, meant.size())).contains(flourMill.id()), meant.toString());

        // pages are not a snapshot (the cursor is): the command rewrote every article, and a merge of their old copies
        // between two pages would reorder equal scores (one CI run saw a hit on two pages), so the merges end first
        client.indices().forcemerge(merge -> merge.index(ALIAS).maxNumSegments(1L));

        // hybrid keeps every hit of the words, each once, and adds what only meaning finds
        Set<String> byWords = allHits(Map.of("q", "新能源"));
        JsonPath firstHybrid = search(Map.of("q", "新能源", "mode", "hybrid", "size", "100"));
        long hybridTotal = firstHybrid.getLong("total");
        assertTrue(hybridTotal >= byWords.size(), hybridTotal + " vs " + byWords.size());
        Set<String> byBoth = allHits(Map.of("q", "新能源", "mode", "hybrid"));
        assertEquals(hybridTotal, byBoth.size(), "every page's hits, once each, make the total");
        assertTrue(byBoth.containsAll(byWords), "the recall of the words is kept");

        // an article reads without its vector
        String article = given().when().get("/api/v1/articles/" + flourMill.id()).then().statusCode(200).extract().asString();
        assertFalse(article.contains("embedding"), article);

        // a second run finds nothing left to do
        out.reset();
        assertEquals(0, command.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)));
        assertEquals(0, JSON.readTree(out.toByteArray()).path("stored").asLong());

        // the vectors are kept out of the stored _source, and a reindex carries them along from their field
        Reindexer.Report moved = reindexer.reindex(line -> { });
        assertEquals(after.path("articles").asLong(), moved.documentsAfter(), moved.toString());
        JsonNode reindexed = progress();
        assertEquals(reindexed.path("articles").asLong(), reindexed.path("withVector").asLong(), reindexed.toString());
        assertEquals("meaning", related(flourMill.id(), "").header("X-Related-By"));
        List<String> meantAfter = search(Map.of("q", "小麦面粉加工", "mode", "semantic")).getList("hits.id", String.class);
        assertTrue(meantAfter.subList(0, Math.min(3, meantAfter.size())).contains(flourMill.id()), meantAfter.toString());
    }

    @Test
    void relatedWithinSomethingThatIsNotAFacetIsRefused() {
        Http.asWriter();
        given().queryParam("within", "county,month").when().get("/api/v1/articles/any/related")
            .then().statusCode(400).contentType(Problem.MEDIA_TYPE);
    }

    private static Response related(String id, String within) {
        return given().queryParam("within", within).when().get("/api/v1/articles/" + id + "/related")
            .then().statusCode(200).extract().response();
    }

    private static final String[] COUNTIES = { "木垒哈萨克自治县", "奇台县", "吉木萨尔县", "阜康市", "呼图壁县" };

    /** {@code count} short reports of new-energy projects, each different. */
    private static void importProjects(int count) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < count; i++) {
            String county = COUNTIES[i % COUNTIES.length];
            json.append(i == 0 ? "" : ",").append("{\"title\":\"").append(county).append("新能源项目第").append(i + 1)
                .append("批开工\",\"body\":\"本报讯 ").append(county).append("今年第").append(i + 1).append("批新能源项目集中开工，")
                .append("涉及风电装机").append(10 + i).append("万千瓦、光伏").append(5 + i % 7).append("万千瓦。\",\"publishedOn\":\"2024-")
                .append(String.format("%02d", 1 + i % 12)).append("-").append(String.format("%02d", 1 + i % 28)).append("\"}");
        }
        given().contentType("application/json").body(json.append("]").toString().getBytes(StandardCharsets.UTF_8))
            .when().post("/api/v1/articles").then().statusCode(200);
    }

    private static JsonPath search(Map<String, String> params) {
        return given().queryParams(params).when().get("/api/v1/articles/search").then().statusCode(200).extract().jsonPath();
    }

    /** Every hit of a search, page by page (100 a page), failing on a hit seen twice. */
    private static Set<String> allHits(Map<String, String> params) {
        Set<String> ids = new HashSet<>();
        for (int page = 1; ; page++) {
            Map<String, String> paged = new HashMap<>(params);
            paged.put("size", "100");
            paged.put("page", String.valueOf(page));
            List<String> hits = search(paged).getList("hits.id", String.class);
            for (String id : hits) {
                assertTrue(ids.add(id), id + " on two pages of " + params);
            }
            if (hits.size() < 100) {
                return ids;
            }
        }
    }

    private static JsonNode progress() throws IOException {
        return JSON.readTree(given().when().get("/api/v1/vectors").then().statusCode(200).extract().asByteArray());
    }
}
