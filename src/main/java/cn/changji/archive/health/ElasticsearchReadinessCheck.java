package cn.changji.archive.health;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import cn.changji.archive.config.ElasticsearchConfig;
import cn.changji.archive.index.ElasticsearchFailures;
import cn.changji.archive.index.IndexBootstrap;
import cn.changji.archive.index.IndexDefinition;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.HealthStatus;
import co.elastic.clients.elasticsearch.cluster.HealthResponse;
import jakarta.enterprise.context.ApplicationScoped;

/** Ready when Elasticsearch answers, the cluster is not red and the articles alias exists. */
@Readiness
@ApplicationScoped
public class ElasticsearchReadinessCheck implements HealthCheck {
    static final String NAME = "elasticsearch";

    private final ElasticsearchClient client;
    private final IndexBootstrap bootstrap;
    private final IndexDefinition definition;
    private final ElasticsearchConfig config;

    ElasticsearchReadinessCheck(ElasticsearchClient client, IndexBootstrap bootstrap, IndexDefinition definition,
                                ElasticsearchConfig config) {
        this.client = client;
        this.bootstrap = bootstrap;
        this.definition = definition;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME)
            .withData("hosts", config.hosts().toString())
            .withData("alias", definition.alias());
        try {
            HealthResponse health = client.cluster().health(h -> h.timeout(t -> t.time("2s")));
            response.withData("cluster", health.clusterName()).withData("status", health.status().jsonValue());
            if (health.status() == HealthStatus.Red) {
                return response.down().withData("reason", "Elasticsearch cluster status is red").build();
            }
            bootstrap.ensureIndex();
            if (!client.indices().existsAlias(a -> a.name(definition.alias())).value()) {
                return response.down().withData("reason", "alias " + definition.alias() + " does not exist").build();
            }
            return response.up().build();
        } catch (Exception e) {
            return response.down()
                .withData("reason", "Elasticsearch unreachable at " + config.hosts() + ": " + ElasticsearchFailures.describe(e))
                .build();
        }
    }
}
