package cn.changji.archive.index;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Optional;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.message.BasicHeader;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;

import com.fasterxml.jackson.databind.ObjectMapper;

import cn.changji.archive.config.CircuitBreakerConfig;
import cn.changji.archive.config.ElasticsearchConfig;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The one Elasticsearch client of the service, built from {@link ElasticsearchConfig} and closed on shutdown. */
public class ElasticsearchClients {

    @Produces
    @Singleton
    RestClient restClient(ElasticsearchConfig config) {
        HttpHost[] hosts = config.hosts().stream()
            .map(uri -> new HttpHost(uri.getHost(), uri.getPort(), uri.getScheme()))
            .toArray(HttpHost[]::new);
        RestClientBuilder builder = RestClient.builder(hosts)
            .setRequestConfigCallback(request -> request
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setSocketTimeout((int) config.socketTimeout().toMillis()));
        authorization(config).ifPresent(value -> builder.setDefaultHeaders(new Header[] { new BasicHeader("Authorization", value) }));
        SSLContext ssl = config.caCertificate().map(ElasticsearchClients::trusting).orElse(null);
        builder.setHttpClientConfigCallback(http -> {
            http.setMaxConnPerRoute(config.maxConnectionsPerNode());
            http.setMaxConnTotal(config.maxConnectionsPerNode() * hosts.length);
            // credentials go with every request as a header: the client's auth cache would deserialize a scheme per request
            http.disableAuthCaching();
            if (ssl != null) {
                http.setSSLContext(ssl);
            }
            return http;
        });
        return builder.build();
    }

    /** The API key if one is set, else basic credentials if a username is: sent with every request, no challenge first. */
    static Optional<String> authorization(ElasticsearchConfig config) {
        if (config.apiKey().isPresent()) {
            return Optional.of("ApiKey " + config.apiKey().get());
        }
        return config.username().map(user -> "Basic " + Base64.getEncoder()
            .encodeToString((user + ":" + config.password().orElse("")).getBytes(StandardCharsets.UTF_8)));
    }

    @Produces
    @Singleton
    ElasticsearchClient elasticsearchClient(RestClient restClient, ObjectMapper objectMapper) {
        return new ElasticsearchClient(new RestClientTransport(restClient, new JacksonJsonpMapper(objectMapper)));
    }

    /** The searches' client: on the event loops, same hosts, credentials and CA as {@link #restClient}. */
    @Produces
    @Singleton
    ElasticsearchHttp elasticsearchHttp(Vertx vertx, ElasticsearchConfig config, ObjectMapper mapper) {
        return new ElasticsearchHttp(vertx, config.hosts(), authorization(config),
            config.caCertificate().<TrustManager>map(ReloadingTrustManager::new), config.maxConnectionsPerNode(), config.connectTimeout(),
            mapper);
    }

    void close(@Disposes ElasticsearchHttp http) {
        http.close();
    }

    /** The breaker searches, related articles and suggestions pass through (see {@link CircuitBreaker}). */
    @Produces
    @Singleton
    CircuitBreaker searchCircuitBreaker(CircuitBreakerConfig config, MeterRegistry registry) {
        CircuitBreaker breaker = new CircuitBreaker("Elasticsearch (searches)", config.failures(), config.openFor(),
            System::nanoTime);
        Gauge.builder("archive.circuit.breaker.open", breaker, b -> b.state() == CircuitBreaker.State.CLOSED ? 0 : 1)
            .description("1 while searches are refused without asking Elasticsearch").register(registry);
        FunctionCounter.builder("archive.circuit.breaker.opened", breaker, CircuitBreaker::timesOpened)
            .description("Times the search circuit breaker opened").register(registry);
        return breaker;
    }

    void close(@Disposes RestClient restClient) throws IOException {
        restClient.close();
    }

    /** TLS trusting the cluster's CA, read again from its file when that changes (a rotated CA needs no restart). */
    private static SSLContext trusting(java.nio.file.Path caCertificate) {
        ReloadingTrustManager trust = new ReloadingTrustManager(caCertificate);
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] { trust }, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot set up TLS to Elasticsearch: " + e.getMessage(), e);
        }
    }
}
