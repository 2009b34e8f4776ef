package cn.changji.archive.testing;

import io.quarkus.test.common.QuarkusTestResource;

/**
 * Registers the test Elasticsearch for every {@code @QuarkusTest}: one real node for the whole run
 * (profiles that need none opt out with {@code disableGlobalTestResources}).
 */
@QuarkusTestResource(ElasticsearchTestResource.class)
public final class TestElasticsearch {
    private TestElasticsearch() {}
}
