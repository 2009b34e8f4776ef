package cn.changji.archive.index;

import cn.changji.archive.testing.TestIndex;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Set;

import org.junit.jupiter.api.Test;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.mapping.Property;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

@QuarkusTest
class IndexBootstrapIT {

    @Inject
    ElasticsearchClient client;

    @Inject
    IndexBootstrap bootstrap;

    @Test
    void aliasPointsAtTheVersionedIndexWithIkTextFields() throws IOException {
        bootstrap.ensureIndex();
        Set<String> indices = client.indices().getAlias(a -> a.name(TestIndex.ALIAS)).result().keySet();
        assertEquals(Set.of("articles-v3"), indices);

        var mapping = client.indices().getMapping(m -> m.index(TestIndex.ALIAS)).result().get("articles-v3").mappings();
        Property title = mapping.properties().get("title");
        assertEquals("ik_max_word", title.text().analyzer());
        assertEquals("ik_smart", title.text().searchAnalyzer());
        assertEquals("changji_bigram_index", title.text().fields().get("exact").text().analyzer());
        assertEquals("changji_bigram_search", title.text().fields().get("exact").text().searchAnalyzer());
        assertTrue(mapping.properties().get("counties").isKeyword());
        assertTrue(mapping.properties().get("suggest").isCompletion());
        assertTrue(mapping.properties().get("publishedOn").isDate());
    }

    @Test
    void bootstrapIsIdempotent() throws IOException {
        bootstrap.ensureIndex();
        bootstrap.ensureIndex();
        assertEquals(Set.of("articles-v3"), client.indices().get(g -> g.index("articles-v*")).result().keySet());
    }

    @Test
    void readinessIsUpAndNamesElasticsearch() {
        given().when().get("/q/health/ready")
            .then().statusCode(200)
            .body("status", equalTo("UP"))
            .body("checks.name", hasItem("elasticsearch"))
            .body("checks.find { it.name == 'elasticsearch' }.data.alias", equalTo(TestIndex.ALIAS));
    }
}
