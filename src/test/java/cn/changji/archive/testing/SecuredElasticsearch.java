package cn.changji.archive.testing;

import java.util.Map;

/**
 * The secured node of the tests (scripts/local-es.sh with ES_SECURITY=true): TLS from the instance's CA and the
 * file-realm users, archive-search with the service's role (k8s/elasticsearch/roles.yml) and archive-admin. Started
 * by a test profile before the service, stopped by the test class after it.
 */
public final class SecuredElasticsearch {
    private static final String INSTANCE = "tls";

    private SecuredElasticsearch() {}

    public static LocalElasticsearch node() {
        return new LocalElasticsearch(INSTANCE, LocalElasticsearch.sharedPort(INSTANCE)).secured();
    }

    /** Starts the node if it is not running: ES_URL, ES_CA, ES_USERNAME, ES_PASSWORD, ES_ADMIN_USERNAME, ... */
    public static Map<String, String> start() {
        LocalElasticsearch node = node();
        node.start();
        return node.secureInfo();
    }

    /** The service's settings to reach the node as {@code username} with {@code password}. */
    public static Map<String, String> serviceSettings(Map<String, String> info, String username, String password) {
        return Map.of("archive.elasticsearch.hosts", info.get("ES_URL"),
            "archive.elasticsearch.ca-certificate", info.get("ES_CA"),
            "archive.elasticsearch.username", username,
            "archive.elasticsearch.password", password);
    }
}
