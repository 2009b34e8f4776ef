package cn.changji.archive.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the Elasticsearch cluster is and how to talk to it. Every key has an environment override. */
@ConfigMapping(prefix = "archive.elasticsearch")
public interface ElasticsearchConfig {

    /** HTTP endpoints of the cluster, comma separated ({@code ARCHIVE_ELASTICSEARCH_HOSTS}). */
    @WithDefault("http://127.0.0.1:9200")
    List<URI> hosts();

    /** Encoded API key ({@code id:key} in base64), sent as {@code Authorization: ApiKey ...}. */
    Optional<String> apiKey();

    /** User name for basic authentication, when no API key is given. */
    Optional<String> username();

    /** Password for basic authentication. */
    Optional<String> password();

    /** PEM file of the certificate authority that signed the cluster's HTTPS certificate. */
    Optional<Path> caCertificate();

    /** How long to wait for a TCP connection. */
    @WithDefault("2s")
    Duration connectTimeout();

    /** How long to wait for a response before giving up. */
    @WithDefault("30s")
    Duration socketTimeout();

    /**
     * Connections kept open to each Elasticsearch node. Every search in flight holds one, so this bounds the
     * searches each event loop of a service instance sends at once (the client's own default, 10, queued searches
     * under load); imports and the other blocking requests share one pool of this size per node.
     */
    @WithDefault("64")
    int maxConnectionsPerNode();
}
