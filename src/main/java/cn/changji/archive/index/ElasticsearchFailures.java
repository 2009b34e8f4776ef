package cn.changji.archive.index;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.Optional;

import org.elasticsearch.client.ResponseException;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.transport.TransportException;

/** Tells what went wrong when talking to Elasticsearch, in words for logs and problem reports. */
public final class ElasticsearchFailures {
    private ElasticsearchFailures() {}

    public static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /** For metrics: timeout, rejected (429, overloaded) or unavailable. */
    public static String kind(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SocketTimeoutException) {
                return "timeout";
            }
            if (cause instanceof ElasticsearchException es && es.status() == 429) {
                return "rejected";
            }
        }
        return "unavailable";
    }

    /**
     * When Elasticsearch refused the service's credentials (401) or its role lacks a privilege (403), what an operator
     * must fix, in words; empty for any other failure. A retry cannot help these, a change of configuration can.
     */
    public static Optional<String> accessRefusal(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            int status = status(cause);
            if (status == 401) {
                return Optional.of("Elasticsearch refused the service's credentials (401): check "
                    + "ARCHIVE_ELASTICSEARCH_USERNAME and ARCHIVE_ELASTICSEARCH_PASSWORD (or ARCHIVE_ELASTICSEARCH_API_KEY).");
            }
            if (status == 403) {
                String reason = cause instanceof ElasticsearchException es ? ": " + es.error().reason() : "";
                return Optional.of("The service's role lacks a privilege Elasticsearch asked for (403)" + reason
                    + ". Give the role what k8s/elasticsearch/roles.yml lists.");
            }
        }
        return Optional.empty();
    }

    /** The HTTP status of an answer Elasticsearch gave, whichever client read it; 0 when there was none. */
    private static int status(Throwable e) {
        if (e instanceof ElasticsearchException es) {
            return es.status();
        }
        if (e instanceof TransportException transport) {
            return transport.statusCode(); // answers without a body, such as HEAD's
        }
        if (e instanceof ResponseException response) {
            return response.getResponse().getStatusLine().getStatusCode();
        }
        return 0;
    }

    /** True when the index (or the alias) asked for does not exist. */
    public static boolean isMissingIndex(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ElasticsearchException es && "index_not_found_exception".equals(es.error().type())) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when the cluster rather than the request is at fault: unreachable, too slow, overloaded (429) or failing
     * (5xx). A breaker counts these; an import sends the articles again.
     */
    public static boolean isClusterFailure(Throwable e) {
        if (accessRefusal(e).isPresent()) {
            return false;
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ElasticsearchException es && (es.status() >= 500 || es.status() == 429)) {
                return true;
            }
        }
        return isUnavailable(e);
    }

    /** True when Elasticsearch could not be reached or did not answer in time: the client may retry later. */
    public static boolean isUnavailable(Throwable e) {
        if (accessRefusal(e).isPresent()) {
            return false; // up and answering, and refusing: a retry cannot help, a change of configuration can
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof SocketTimeoutException) {
                return true;
            }
            if (cause instanceof ElasticsearchException es && (es.status() == 503 || es.status() == 429)) {
                return true;
            }
        }
        return e instanceof IOException;
    }
}
