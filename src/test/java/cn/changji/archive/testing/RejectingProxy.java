package cn.changji.archive.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Stands in front of the real test Elasticsearch and answers the first N bulk requests the way an overloaded
 * cluster does (429, es_rejected_execution_exception), and can hold searches back like a stalled cluster;
 * everything else goes through unchanged.
 */
public final class RejectingProxy implements AutoCloseable {
    private static final Set<String> HOP_HEADERS = Set.of("connection", "content-length", "host", "transfer-encoding",
        "upgrade", "keep-alive");

    private final HttpServer server;
    private final HttpClient client = HttpClient.newHttpClient();
    private final URI target;
    private final AtomicInteger rejectionsLeft;
    private final AtomicInteger bulkRequests = new AtomicInteger();
    private final AtomicInteger refreshRequests = new AtomicInteger();
    private volatile long searchDelayMillis;

    public RejectingProxy(URI target, int rejections) throws IOException {
        this.target = target;
        this.rejectionsLeft = new AtomicInteger(rejections);
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Every _search and _msearch waits this long before it is passed on. */
    public RejectingProxy delaySearches(java.time.Duration delay) {
        this.searchDelayMillis = delay.toMillis();
        return this;
    }

    /** Bulk requests seen, rejected or not. */
    public int bulkRequests() {
        return bulkRequests.get();
    }

    /** Refresh requests seen. */
    public int refreshRequests() {
        return refreshRequests.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String path = exchange.getRequestURI().getRawPath();
            if ((path.endsWith("/_search") || path.endsWith("/_msearch")) && searchDelayMillis > 0) {
                Thread.sleep(searchDelayMillis);
            }
            if (path.endsWith("/_refresh")) {
                refreshRequests.incrementAndGet();
            }
            if (path.endsWith("/_bulk")) {
                bulkRequests.incrementAndGet();
                if (rejectionsLeft.getAndDecrement() > 0) {
                    respond(exchange, 429, """
                        {"error":{"root_cause":[{"type":"es_rejected_execution_exception","reason":"rejected execution of coordinating operation"}],\
                        "type":"es_rejected_execution_exception","reason":"rejected execution of coordinating operation"},"status":429}""");
                    return;
                }
            }
            HttpRequest.Builder forward = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().toString()))
                .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!HOP_HEADERS.contains(name.toLowerCase())) {
                    values.forEach(value -> forward.header(name, value));
                }
            });
            HttpResponse<byte[]> response = client.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
            response.headers().map().forEach((name, values) -> {
                if (!HOP_HEADERS.contains(name.toLowerCase()) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            exchange.sendResponseHeaders(response.statusCode(), response.body().length == 0 ? -1 : response.body().length);
            if (response.body().length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(response.body());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("X-elastic-product", "Elasticsearch");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
