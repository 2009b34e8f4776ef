package cn.changji.archive.index;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.changji.archive.article.Article;
import cn.changji.archive.config.ElasticsearchConfig;
import cn.changji.archive.config.IngestConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Writes serialized articles in bulk requests of bounded count and size, at most
 * {@link IngestConfig#bulkConcurrency()} in flight, over {@link ElasticsearchHttp}. The caller's thread only builds
 * requests and waits for a free slot; answers are read on the HTTP client's event loop, which takes no lock the
 * caller holds. (The Elasticsearch client's BulkIngester deadlocked here: its flush held a lock while waiting for
 * the connection pool, whose I/O thread completed a bulk inline and waited for that same lock.)
 * <p>
 * One retry layer: whole requests Elasticsearch could not take (unreachable, overloaded) and single articles it
 * refused for a passing reason (429, 5xx: a node gone, a primary being moved) are sent again in later rounds, with
 * doubling pauses, at most {@link IngestConfig#bulkMaxRetries()} times. Ids are deterministic: sending twice writes
 * once. Every article it could not write is named with the reason.
 */
@ApplicationScoped
public class BulkWriter {
    private static final Logger LOG = Logger.getLogger(BulkWriter.class);
    /** What is read of a bulk answer; Elasticsearch leaves out the rest (indexes, ids, versions, shards). */
    private static final String ANSWER = "errors,items.*.status,items.*.error";
    private static final byte[] NEWLINE = { '\n' };

    private final ElasticsearchHttp http;
    private final ObjectMapper mapper;
    private final IndexDefinition definition;
    private final IngestConfig config;
    private final ElasticsearchConfig elasticsearch;

    BulkWriter(ElasticsearchHttp http, ObjectMapper mapper, IndexDefinition definition, IngestConfig config,
               ElasticsearchConfig elasticsearch) {
        this.http = http;
        this.mapper = mapper;
        this.definition = definition;
        this.config = config;
        this.elasticsearch = elasticsearch;
    }

    /** What became of the articles written: indexed, or unindexed with the reason. */
    public record Written(int indexed, List<ArticleIndexer.Unindexed> unindexed) {}

    /** A run of writes: articles go out as they are added; {@link Batch#finish()} retries and tells the outcome. */
    public Batch open() {
        return new Batch();
    }

    /** An article on its way: its document already serialized, once, as the bulk request sends it. */
    private record Pending(Article article, byte[] document) {}

    public final class Batch implements AutoCloseable {
        private final Tally tally = new Tally();
        private final Semaphore slots = new Semaphore(config.bulkConcurrency());
        private Request filling = new Request();
        private int requestsSent;

        private Batch() {}

        public void add(Article article, byte[] document) {
            add(new Pending(article, document));
        }

        /** Waits for what was added, then sends again what was refused for a passing reason, round by round. */
        public Written finish() {
            close();
            long pause = config.bulkRetryBackoff().toMillis();
            for (int attempt = 1; tally.retryCount() > 0 && attempt <= config.bulkMaxRetries(); attempt++, pause *= 2) {
                List<Pending> again = tally.takeRetry();
                LOG.warnf("Elasticsearch did not take %d article(s) (%s); retry %d of %d in %d ms",
                    again.size(), tally.lastRequestFailure, attempt, config.bulkMaxRetries(), pause);
                sleep(pause);
                again.forEach(this::add);
                close();
            }
            for (Pending left : tally.takeRetry()) {
                tally.fail(left.article(), "Elasticsearch kept refusing the bulk request after "
                    + config.bulkMaxRetries() + " retries: " + tally.lastRequestFailure);
            }
            return tally.written();
        }

        /** Sends what is filling now, without waiting for its answer (a slot may have to come free first). */
        public void send() {
            if (!filling.items.isEmpty()) {
                send(filling);
                filling = new Request();
            }
        }

        /**
         * Sends what is filling, the last of the run, and, when requests went before it, asks Elasticsearch to refresh
         * at once without waiting: the segment of what it has indexed so far is then written on its refresh thread
         * while its write threads index the last requests, instead of all of it after them on one thread (0.5 s of
         * one core for 5,000 articles, with the other idle). The refresh the caller makes at the end then has only
         * the last requests' articles left to write. A failure here costs nothing: that refresh writes them all.
         */
        public void sendLast() {
            send();
            if (requestsSent > 1) {
                http.send("POST", "/" + definition.alias() + "/_refresh?filter_path=_shards.failed", ElasticsearchHttp.JSON,
                        new byte[0], elasticsearch.socketTimeout())
                    .subscribe().with(answer -> {}, failure -> LOG.debugf("The refresh during the last bulk requests failed: %s",
                        ElasticsearchFailures.describe(failure)));
            }
        }

        /** Sends what is still filling and waits until every request sent has its answer. */
        @Override
        public void close() {
            send();
            slots.acquireUninterruptibly(config.bulkConcurrency());
            slots.release(config.bulkConcurrency());
        }

        private void add(Pending item) {
            if (!filling.items.isEmpty() && filling.body.size() + item.document().length > config.bulkMaxSize().asLongValue()) {
                send(filling);
                filling = new Request();
            }
            filling.add(item);
            if (filling.items.size() >= config.bulkMaxArticles()) {
                send(filling);
                filling = new Request();
            }
        }

        private void send(Request request) {
            slots.acquireUninterruptibly();
            requestsSent++;
            try {
                // require_alias: an alias deleted under a running service refuses its articles by name (404) instead
                // of Elasticsearch creating an index of that name with guessed field types, which the alias could then
                // never be created over
                http.send("POST", "/" + definition.alias() + "/_bulk?require_alias=true&filter_path=" + ANSWER, "application/x-ndjson",
                        request.body.toByteArray(), elasticsearch.socketTimeout())
                    .subscribe().with(answer -> settle(request, answer, null), failure -> settle(request, null, failure));
            } catch (RuntimeException e) {
                settle(request, null, e);
            }
        }

        private void settle(Request request, byte[] answer, Throwable failure) {
            try {
                if (failure != null) {
                    failed(request, failure);
                } else {
                    answered(request, answer);
                }
            } catch (RuntimeException | IOException e) {
                LOG.errorf(e, "Reading Elasticsearch's answer to a bulk request of %d article(s) failed", request.items.size());
                request.items.forEach(item -> tally.fail(item.article(), "the bulk answer could not be read: "
                    + ElasticsearchFailures.describe(e)));
            } finally {
                slots.release();
            }
        }

        private void answered(Request request, byte[] answer) throws IOException {
            JsonNode read = mapper.readTree(answer);
            if (!read.path("errors").asBoolean(true)) {
                tally.indexed(request.items.size());
                return;
            }
            JsonNode items = read.path("items");
            for (int i = 0; i < request.items.size(); i++) {
                Pending pending = request.items.get(i);
                JsonNode item = items.path(i).path("index");
                int status = item.path("status").asInt(0);
                JsonNode error = item.path("error");
                if (status > 0 && status < 300 && error.isMissingNode()) {
                    tally.indexed(1);
                } else if (status == 429 || status >= 500) {
                    tally.retry(pending, status + " " + error.path("type").asText() + ": " + error.path("reason").asText());
                } else {
                    tally.fail(pending.article(), "Elasticsearch refused the article (" + status + " "
                        + error.path("type").asText() + "): " + error.path("reason").asText());
                }
            }
        }

        private void failed(Request request, Throwable failure) {
            String reason = ElasticsearchFailures.describe(failure);
            if (ElasticsearchFailures.isClusterFailure(failure)) {
                request.items.forEach(item -> tally.retry(item, reason));
            } else {
                request.items.forEach(item -> tally.fail(item.article(), "the bulk request failed: " + reason));
            }
        }
    }

    /** A bulk request being filled: its articles in order, and its NDJSON body (an action line, then the document). */
    private final class Request {
        final List<Pending> items = new ArrayList<>();
        final ByteArrayOutputStream body = new ByteArrayOutputStream(64 * 1024);

        void add(Pending item) {
            try {
                body.write(("{\"index\":{\"_id\":" + mapper.writeValueAsString(item.article().id()) + "}}\n")
                    .getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new IllegalStateException("an article id that cannot be written as JSON: " + item.article().id(), e);
            }
            body.writeBytes(item.document());
            body.writeBytes(NEWLINE);
            items.add(item);
        }
    }

    private static void sleep(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Counts kept across the caller's thread and the event loop that reads answers. */
    private static final class Tally {
        private int indexed;
        private final List<ArticleIndexer.Unindexed> unindexed = new ArrayList<>();
        private final List<Pending> retry = new ArrayList<>();
        volatile String lastRequestFailure;

        synchronized void indexed(int count) {
            indexed += count;
        }

        synchronized void fail(Article article, String reason) {
            unindexed.add(new ArticleIndexer.Unindexed(article, reason));
        }

        synchronized void retry(Pending item, String reason) {
            lastRequestFailure = reason;
            retry.add(item);
        }

        synchronized int retryCount() {
            return retry.size();
        }

        synchronized List<Pending> takeRetry() {
            List<Pending> taken = List.copyOf(retry);
            retry.clear();
            return taken;
        }

        synchronized Written written() {
            return new Written(indexed, List.copyOf(unindexed));
        }
    }
}
