package cn.changji.archive.index;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

import org.apache.http.client.config.RequestConfig;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.entity.ContentType;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RequestOptions;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.changji.archive.config.ElasticsearchConfig;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ErrorResponse;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Blocking requests whose body we already hold as JSON, sent as bytes, their answers bound straight to the records
 * the caller reads: they skip the typed client's second model of the request and of the answer. Errors come back as
 * the typed client's {@link ElasticsearchException}, so they are reported the same way everywhere (the searches' own
 * client, {@link ElasticsearchHttp}, fails the same way).
 */
@ApplicationScoped
public class ElasticsearchJson {
    private final RestClient client;
    private final ObjectMapper mapper;
    private final ElasticsearchConfig config;

    public ElasticsearchJson(RestClient client, ObjectMapper mapper, ElasticsearchConfig config) {
        this.client = client;
        this.mapper = mapper;
        this.config = config;
    }

    /**
     * Sends the body and binds the answer to {@code type} straight from its bytes; gives up on the client side after
     * {@code timeout} without an answer.
     */
    public <T> T send(String method, String endpoint, String contentType, byte[] body, Duration timeout, Class<T> type)
        throws IOException {
        Response response = perform(method, endpoint, contentType, body, timeout);
        try (InputStream in = response.getEntity().getContent()) {
            return mapper.readValue(in, type);
        }
    }

    /** A JSON request of the cluster's administration (snapshots, reindexing), its answer as a tree. */
    public JsonNode call(String method, String endpoint, JsonNode body, Duration timeout) throws IOException {
        return send(method, endpoint, "application/json",
            body == null ? new byte[0] : mapper.writeValueAsBytes(body), timeout, JsonNode.class);
    }

    /** Whether GET {@code endpoint} finds something (an index, an alias, a repository) rather than a 404. */
    public boolean exists(String endpoint, Duration timeout) throws IOException {
        try {
            call("GET", endpoint, null, timeout);
            return true;
        } catch (ElasticsearchException e) {
            if (e.status() == 404) {
                return false;
            }
            throw e;
        }
    }

    private Request request(String method, String endpoint, String contentType, byte[] body, Duration timeout) {
        Request request = new Request(method, endpoint);
        request.setEntity(new ByteArrayEntity(body, ContentType.create(contentType)));
        request.setOptions(RequestOptions.DEFAULT.toBuilder().setRequestConfig(RequestConfig.custom()
            .setConnectTimeout((int) config.connectTimeout().toMillis())
            .setSocketTimeout((int) timeout.toMillis())
            .build()));
        return request;
    }

    private Response perform(String method, String endpoint, String contentType, byte[] body, Duration timeout)
        throws IOException {
        try {
            return client.performRequest(request(method, endpoint, contentType, body, timeout));
        } catch (ResponseException e) {
            throw refusal(e);
        }
    }

    /** Elasticsearch's error answer as the exception it is reported by. */
    private ElasticsearchException refusal(ResponseException e) throws IOException {
        return failure(e.getResponse().getStatusLine().getStatusCode(), read(e.getResponse()));
    }

    /** An error answer of Elasticsearch (a whole response's, or one item's of _msearch or _bulk) as an exception. */
    public static ElasticsearchException failure(int status, JsonNode answer) {
        JsonNode error = answer == null ? null : answer.path("error");
        String type = error == null ? "unknown" : error.path("type").asText(error.isTextual() ? error.asText() : "unknown");
        String reason = error == null ? "no error body" : error.path("reason").asText(error.toString());
        String causedBy = error == null ? "" : error.path("caused_by").path("reason").asText("");
        return new ElasticsearchException("request", ErrorResponse.of(r -> r.status(status)
            .error(c -> c.type(type).reason(causedBy.isEmpty() ? reason : reason + " (" + causedBy + ")"))));
    }

    private JsonNode read(Response response) throws IOException {
        if (response.getEntity() == null) {
            return mapper.createObjectNode();
        }
        try (InputStream in = response.getEntity().getContent()) {
            return mapper.readTree(in);
        }
    }
}
