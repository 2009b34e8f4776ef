package cn.changji.archive.index;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.TrustManager;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.smile.SmileFactory;

import cn.changji.archive.failure.ArchiveException;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.TrustOptions;

/**
 * The searches' way to Elasticsearch: Vert.x's HTTP client on the event loop that took the user's request, so a
 * search goes out, comes back and is answered on one thread, with no hand-off to another client's I/O threads (at a
 * million articles those hand-offs and that client's reactor cost the service about 0.3 ms of CPU per search). The
 * answer comes back as its bytes, for the caller to read as it likes. Same hosts, credentials and CA as
 * {@link ElasticsearchClients}' client; a node that refuses the connection is skipped for the next one, a node that
 * does not answer in time is not (the caller's deadline is spent).
 */
public final class ElasticsearchHttp implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ElasticsearchHttp.class);
    private static final int CLEANER_PERIOD_MILLIS = 10_000;
    public static final String JSON = "application/json";
    /** Elasticsearch's binary JSON, the same tokens as JSON (jackson-dataformat-smile reads it). */
    public static final String SMILE = "application/smile";
    /** Reads {@link #SMILE} answers, the service's one mapper for them. */
    public static final ObjectMapper SMILE_READER = new ObjectMapper(new SmileFactory());
    private final Vertx vertx;
    private final HttpClientOptions options;
    private final PoolOptions pool;
    /** Requests made off the event loops (a worker thread, a test). */
    private final HttpClient shared;
    /**
     * One client per event loop, used only by it: its connections belong to that loop, so an answer is read on the
     * thread that sent the request, never handed to another loop (a wake-up of a second thread per search).
     */
    private final Map<Thread, HttpClient> byEventLoop = new ConcurrentHashMap<>();
    private final List<URI> hosts;
    private final Optional<String> authorization;
    private final ObjectMapper mapper;
    private final Duration connectTimeout;
    private final AtomicInteger next = new AtomicInteger();

    public ElasticsearchHttp(Vertx vertx, List<URI> hosts, Optional<String> authorization, Optional<TrustManager> trust,
                             int maxConnectionsPerNode, Duration connectTimeout, ObjectMapper mapper) {
        HttpClientOptions options = new HttpClientOptions()
            .setConnectTimeout((int) connectTimeout.toMillis())
            .setKeepAlive(true)
            .setVerifyHost(true);
        trust.ifPresent(manager -> options.setTrustOptions(TrustOptions.wrap(manager)));
        this.vertx = vertx;
        this.options = options;
        // the pool's cleaner closes connections idle past the keep-alive timeout (60 s): looking every 10 s instead of
        // every second spares each event loop a wake-up a second while no search comes
        this.pool = new PoolOptions().setHttp1MaxSize(maxConnectionsPerNode).setCleanerPeriod(CLEANER_PERIOD_MILLIS);
        this.shared = vertx.createHttpClient(options, pool);
        this.hosts = List.copyOf(hosts);
        this.authorization = authorization;
        this.connectTimeout = connectTimeout;
        this.mapper = mapper;
    }

    /**
     * Sends the body and gives the answer's bytes; a refusal (4xx, 5xx) fails as {@link ElasticsearchException}, a
     * node that does not answer within {@code timeout} as {@link SocketTimeoutException}, one that cannot be reached
     * (after trying every node) as {@link ConnectException}.
     */
    public Uni<byte[]> send(String method, String endpoint, String contentType, byte[] body, Duration timeout) {
        return send(method, endpoint, contentType, JSON, body, timeout);
    }

    /**
     * {@link #send}, the answer in the format {@code accept} names: JSON, or {@link #SMILE} (binary JSON, which
     * Elasticsearch writes and the service reads in less time than text, for answers read a token at a time).
     */
    public Uni<byte[]> send(String method, String endpoint, String contentType, String accept, byte[] body, Duration timeout) {
        return VertxFutures.uni(() -> request(method, endpoint, contentType, accept, body, timeout));
    }

    /** {@link #send}, the answer bound to {@code type}. */
    public <T> Uni<T> send(String method, String endpoint, byte[] body, Duration timeout, Class<T> type) {
        return VertxFutures.uni(() -> request(method, endpoint, body, timeout, type));
    }

    /**
     * {@link #send} as a Vert.x future, sent at once: for the search route, which composes its steps on the event loop
     * without Mutiny's operators (each captures and restores the request's context).
     */
    public Future<byte[]> request(String method, String endpoint, String contentType, String accept, byte[] body,
                                  Duration timeout) {
        return exchange(method, endpoint, contentType, accept, body, timeout).map(Buffer::getBytes);
    }

    /**
     * {@link #request}, the answer as the buffer it arrived in, not copied out: for an answer read once, right away
     * (a search's, about 12 KB of Smile).
     */
    public Future<Buffer> exchange(String method, String endpoint, String contentType, String accept, byte[] body,
                                   Duration timeout) {
        int first = Math.floorMod(next.getAndIncrement(), hosts.size());
        // wrapped, not copied (Buffer.buffer(byte[]) copies): each attempt reads it from its start
        return attempt(HttpMethod.valueOf(method), endpoint, contentType, accept, Buffer.buffer(Unpooled.wrappedBuffer(body)),
            timeout, first, 0);
    }

    /** {@link #request}, the answer bound to {@code type}. */
    public <T> Future<T> request(String method, String endpoint, byte[] body, Duration timeout, Class<T> type) {
        return request(method, endpoint, JSON, JSON, body, timeout).map(answer -> {
            try {
                return mapper.readValue(answer, type);
            } catch (IOException e) {
                LOG.warnf("Elasticsearch's answer to %s %s could not be read as %s: %s; its first bytes: %s", method,
                    path(endpoint), type.getSimpleName(), e.getMessage(),
                    new String(answer, 0, Math.min(answer.length, 500), StandardCharsets.UTF_8));
                throw new ArchiveException(ArchiveException.Kind.UNAVAILABLE, "Elasticsearch's answer to " + method + " "
                    + path(endpoint) + " is not the JSON expected; retry shortly.");
            }
        });
    }

    private Future<Buffer> attempt(HttpMethod method, String endpoint, String contentType, String accept, Buffer body,
                                   Duration timeout, int first, int tried) {
        URI host = hosts.get((first + tried) % hosts.size());
        RequestOptions request = new RequestOptions()
            .setMethod(method)
            .setHost(host.getHost())
            .setPort(port(host))
            .setSsl("https".equals(host.getScheme()))
            .setURI(endpoint)
            .setConnectTimeout(connectTimeout.toMillis())
            .setIdleTimeout(timeout.toMillis())
            .putHeader(HttpHeaders.CONTENT_TYPE, contentType)
            .putHeader(HttpHeaders.ACCEPT, accept);
        authorization.ifPresent(value -> request.putHeader(HttpHeaders.AUTHORIZATION, value));
        return client().request(request)
            .compose(sending -> sending.send(body))
            .compose(this::answer)
            .recover(failure -> {
                if (failure instanceof ConnectException && tried + 1 < hosts.size()) {
                    return attempt(method, endpoint, contentType, accept, body, timeout, first, tried + 1);
                }
                return Future.failedFuture(described(failure, host, method, endpoint, timeout));
            });
    }

    /** The endpoint without its query string, for messages (a search's filter_path is long and says nothing). */
    private static String path(String endpoint) {
        return endpoint.replaceFirst("\\?.*", "");
    }

    /** The node's port, or its scheme's when the address names none (https://elasticsearch.example). */
    private static int port(URI host) {
        return host.getPort() != -1 ? host.getPort() : "https".equals(host.getScheme()) ? 443 : 80;
    }

    private Future<Buffer> answer(HttpClientResponse response) {
        return body(response).compose(bytes -> {
            if (response.statusCode() < 300) {
                return Future.succeededFuture(bytes);
            }
            boolean smile = String.valueOf(response.getHeader(HttpHeaders.CONTENT_TYPE)).startsWith(SMILE);
            return Future.failedFuture(refusal(response.statusCode(), bytes, smile ? SMILE_READER : mapper));
        });
    }

    /**
     * The answer's body: its one chunk as it came, or its chunks as one buffer over them, not copied. Elasticsearch
     * sends a search's answer chunked, without a length; Vert.x's own body() grows a buffer chunk by chunk and was
     * then copied out, about 40 KB allocated for a 12 KB answer.
     */
    private static Future<Buffer> body(HttpClientResponse response) {
        Promise<Buffer> body = Promise.promise();
        List<Buffer> chunks = new ArrayList<>(2);
        response.handler(chunks::add)
            .exceptionHandler(body::tryFail)
            .endHandler(end -> body.tryComplete(joined(chunks)));
        return body.future();
    }

    private static Buffer joined(List<Buffer> chunks) {
        if (chunks.size() == 1) {
            return chunks.get(0);
        }
        ByteBuf[] pieces = new ByteBuf[chunks.size()];
        for (int i = 0; i < pieces.length; i++) {
            pieces[i] = chunks.get(i).getByteBuf();
        }
        return Buffer.buffer(Unpooled.wrappedBuffer(pieces.length, pieces));
    }

    private ElasticsearchException refusal(int status, Buffer bytes, ObjectMapper reader) {
        JsonNode error;
        try {
            error = bytes.length() == 0 ? null : reader.readTree(bytes.getBytes());
        } catch (IOException e) {
            error = mapper.createObjectNode().put("error", bytes.toString());
        }
        return ElasticsearchJson.failure(status, error);
    }

    /** The failure as the exceptions {@link ElasticsearchFailures} tells apart, naming the node and the request. */
    private static Throwable described(Throwable failure, URI host, HttpMethod method, String endpoint, Duration timeout) {
        if (failure instanceof ElasticsearchException) {
            return failure;
        }
        String request = method + " " + host.getScheme() + "://" + host.getHost() + ":" + port(host)
            + path(endpoint);
        if (failure instanceof TimeoutException || failure.getClass().getSimpleName().contains("Timeout")) {
            SocketTimeoutException timedOut = new SocketTimeoutException("Elasticsearch did not answer " + request
                + " within " + timeout.toMillis() + " ms");
            timedOut.initCause(failure);
            return timedOut;
        }
        if (failure instanceof ConnectException) {
            ConnectException refused = new ConnectException("Cannot connect to Elasticsearch for " + request + ": "
                + failure.getMessage());
            refused.initCause(failure);
            return refused;
        }
        return new IOException("Elasticsearch failed " + request + ": " + ElasticsearchFailures.describe(failure), failure);
    }

    private HttpClient client() {
        if (Context.isOnEventLoopThread()) {
            return byEventLoop.computeIfAbsent(Thread.currentThread(), loop -> vertx.createHttpClient(options, pool));
        }
        return shared;
    }

    @Override
    public void close() {
        shared.close();
        byEventLoop.values().forEach(HttpClient::close);
    }
}
