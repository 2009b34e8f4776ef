package cn.changji.archive.index;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;

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
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ElasticsearchException es && (es.status() >= 500 || es.status() == 429)) {
                return true;
            }
        }
        return isUnavailable(e);
    }

    /** True when Elasticsearch could not be reached or did not answer in time: the client may retry later. */
    public static boolean isUnavailable(Throwable e) {
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
