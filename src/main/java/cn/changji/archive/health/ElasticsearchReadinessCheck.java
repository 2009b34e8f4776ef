package cn.changji.archive.health;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import cn.changji.archive.config.ElasticsearchConfig;
import cn.changji.archive.index.CircuitBreaker;
import cn.changji.archive.index.IndexBootstrap;
import cn.changji.archive.index.IndexDefinition;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Ready once the index bootstrap has seen the articles alias: from then on this pod can serve, and asks Elasticsearch
 * nothing to say so. An Elasticsearch outage later is not this pod's to report by leaving the load balancer: every
 * pod would leave at once and the ingress would answer its own 503 for everything, the search page included. The
 * service answers it instead, with 503 problems and Retry-After from the circuit breaker; readiness shows the
 * breaker's state. The answer never waits on the cluster: a slow master, an election or a red index elsewhere in the
 * cluster leave every pod ready.
 */
@Readiness
@ApplicationScoped
public class ElasticsearchReadinessCheck implements HealthCheck {
    static final String NAME = "elasticsearch";

    private final IndexBootstrap bootstrap;
    private final IndexDefinition definition;
    private final ElasticsearchConfig config;
    private final CircuitBreaker breaker;

    ElasticsearchReadinessCheck(IndexBootstrap bootstrap, IndexDefinition definition, ElasticsearchConfig config,
                                CircuitBreaker breaker) {
        this.bootstrap = bootstrap;
        this.definition = definition;
        this.config = config;
        this.breaker = breaker;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME)
            .withData("hosts", config.hosts().toString())
            .withData("alias", definition.alias());
        if (!bootstrap.isDone()) {
            return response.down().withData("reason", bootstrap.lastFailure()).build();
        }
        return response.up().withData("searches", breaker.state() == CircuitBreaker.State.CLOSED
            ? "answered by Elasticsearch" : "refused with 503 while Elasticsearch recovers (circuit breaker " + breaker.state() + ")")
            .build();
    }
}
