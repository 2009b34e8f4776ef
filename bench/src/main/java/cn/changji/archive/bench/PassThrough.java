package cn.changji.archive.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import cn.changji.archive.search.Synonyms;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * The floor under the service's CPU per search: a bare Vert.x server (native epoll, as many event loops as the
 * service has, which bench/floor.sh reads from its configuration, and its HTTP client on them) that answers each
 * search URL of the benchmark's mix by sending Elasticsearch the service's own _msearch for it (the direct way's
 * request) and handing back Elasticsearch's answer bytes as they came. No parameters read, no request built, no
 * answer read or written: what is left is what any service on this stack pays to receive a search, send it on and
 * answer it. bench/run.sh measures it beside the service (its floor way), as does bench/pass-through.sh; GET /ping
 * answers nothing, for {@link WakeCost}.
 *
 * <pre>java -cp bench/target/bench.jar cn.changji.archive.bench.PassThrough --port=18090 [--event-loops=N] [--service=..] [--elasticsearch=..] [--alias=..]</pre>
 *
 * Writes the mix's URLs as a wrk script to target/bench/mix.lua.
 */
public final class PassThrough {
    private PassThrough() {}

    public static void main(String[] args) throws Exception {
        int port = 18090;
        int eventLoops = VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE;
        StringBuilder others = new StringBuilder();
        for (String arg : args) {
            if (arg.startsWith("--port=")) {
                port = Integer.parseInt(arg.substring("--port=".length()));
            } else if (arg.startsWith("--event-loops=")) {
                eventLoops = Integer.parseInt(arg.substring("--event-loops=".length()));
            } else {
                others.append(arg).append('\n');
            }
        }
        Config config = Config.parse(others.toString().lines().toArray(String[]::new));
        Synonyms synonyms = Synonyms.parse(Http.get(config.service() + "/api/v1/synonyms").ok().body());
        Map<String, byte[]> bodies = new HashMap<>();
        StringBuilder lua = new StringBuilder("paths = {\n");
        for (SearchBench.Query query : SearchBench.mix()) {
            if (query.cursorPages() > 0) {
                continue;
            }
            String path = SearchBench.searchPath(query.params());
            bodies.put(canonical(path), SearchBench.directBody(SearchBench.params(query.params(), null), synonyms).msearch(config.alias()));
            lua.append("\"").append(path).append("\",\n");
        }
        lua.append("}\ni = 0\nrequest = function()\n  i = i + 1\n  return wrk.format(\"GET\", paths[(i % #paths) + 1])\nend\n");
        Path script = config.work().resolve("mix.lua");
        Files.createDirectories(script.getParent());
        Files.writeString(script, lua, StandardCharsets.UTF_8);

        java.net.URI elasticsearch = java.net.URI.create(config.elasticsearch());
        // as many event loops as the service has (bench/floor.sh passes its setting)
        Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true).setEventLoopPoolSize(eventLoops));
        int listen = port;
        vertx.deployVerticle(new AbstractVerticle() {
            private HttpClient client;

            @Override
            public void start() {
                client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true), new PoolOptions().setHttp1MaxSize(64));
                vertx.createHttpServer().requestHandler(this::answer).listen(listen);
            }

            private void answer(HttpServerRequest request) {
                if (request.uri().equals("/ping")) { // WakeCost's: an answer with no work behind it
                    request.response().end();
                    return;
                }
                byte[] body = bodies.get(canonical(request.uri()));
                if (body == null) {
                    request.response().setStatusCode(404).end("not a search of the mix: " + request.uri());
                    return;
                }
                client.request(new RequestOptions().setMethod(HttpMethod.POST).setHost(elasticsearch.getHost())
                        .setPort(elasticsearch.getPort()).setURI(SearchBench.MSEARCH).setIdleTimeout(5000)
                        .putHeader("Content-Type", "application/x-ndjson").putHeader("Accept", "application/smile"))
                    .compose(sending -> sending.send(Buffer.buffer(body)))
                    .compose(HttpClientResponse::body)
                    .onComplete(answered -> {
                        if (answered.succeeded()) {
                            request.response().putHeader("Content-Type", "application/smile").end(answered.result());
                        } else {
                            request.response().setStatusCode(502).end(String.valueOf(answered.cause()));
                        }
                    });
            }
        }).toCompletionStage().toCompletableFuture().get();
        System.err.printf("[pass-through] %d searches of the mix on port %d (native transport: %b, %d event loop(s)), wrk script %s%n",
            bodies.size(), port, vertx.isNativeTransportEnabled(), eventLoops, script);
    }

    /**
     * A search URL with its parameters in one order: the same search from another process (whose Map.of iterates in
     * another order) finds its body.
     */
    static String canonical(String uri) {
        int question = uri.indexOf('?');
        if (question < 0) {
            return uri;
        }
        String[] parameters = uri.substring(question + 1).split("&");
        Arrays.sort(parameters);
        return uri.substring(0, question + 1) + String.join("&", parameters);
    }
}
