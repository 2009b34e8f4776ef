package cn.changji.archive.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Starts the test Elasticsearch (real server, real IK plugin) once for the test run and points the service at it. */
public class ElasticsearchTestResource implements QuarkusTestResourceLifecycleManager {
    private LocalElasticsearch elasticsearch;

    @Override
    public Map<String, String> start() {
        elasticsearch = new LocalElasticsearch("test");
        elasticsearch.start();
        Runtime.getRuntime().addShutdownHook(new Thread(elasticsearch::stop));
        return Map.of("archive.elasticsearch.hosts", elasticsearch.url());
    }

    @Override
    public void stop() {
        if (elasticsearch != null) {
            elasticsearch.stop();
        }
    }
}
