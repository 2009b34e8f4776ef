package cn.changji.archive.search;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.jboss.logging.Logger;

import cn.changji.archive.config.SearchConfig;
import cn.changji.archive.index.ElasticsearchFailures;
import cn.changji.archive.index.IndexDefinition;
import cn.changji.archive.index.VertxFutures;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch.core.GetResponse;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import jakarta.inject.Singleton;

/**
 * Where the synonyms live: in Elasticsearch (index {@code <alias>-settings}), so that every instance of the service
 * uses what an editor saved through any of them. Until an editor saves a list, the file (archive.search.synonyms-file,
 * else the built-in search/synonyms.txt) is used. Instances re-read the list every archive.search.synonyms-refresh.
 */
@Singleton
public class SynonymStore {
    private static final Logger LOG = Logger.getLogger(SynonymStore.class);
    private static final String DOCUMENT = "synonyms";

    private final ElasticsearchClient client;
    private final IndexDefinition definition;
    private final SearchConfig config;
    private volatile Synonyms cached;
    private volatile long readAt;

    SynonymStore(ElasticsearchClient client, IndexDefinition definition, SearchConfig config) {
        this.client = client;
        this.definition = definition;
        this.config = config;
    }

    private String index() {
        return definition.alias() + "-settings";
    }

    /**
     * {@link #current}, never blocking the caller's thread: when the list is due to be read again, it is read on a
     * worker thread (a search on the event loop must not wait there for Elasticsearch).
     */
    public Uni<Synonyms> currentAsync() {
        return VertxFutures.uni(this::currentLater);
    }

    /** {@link #currentAsync} as a Vert.x future, answered on the caller's Vert.x context when it has one. */
    public Future<Synonyms> currentLater() {
        Synonyms fresh = fresh(System.nanoTime());
        if (fresh != null) {
            return Future.succeededFuture(fresh);
        }
        Context caller = Vertx.currentContext();
        return caller != null ? caller.executeBlocking(this::current, false)
            : Future.fromCompletionStage(CompletableFuture.supplyAsync(this::current, Infrastructure.getDefaultWorkerPool()));
    }

    private Synonyms fresh(long now) {
        Synonyms synonyms = cached;
        return synonyms != null && now - readAt < config.synonymsRefresh().toNanos() ? synonyms : null;
    }

    /** The synonyms in force; if Elasticsearch cannot be asked, the last ones read (or the file's). */
    public Synonyms current() {
        long now = System.nanoTime();
        Synonyms synonyms = fresh(now);
        if (synonyms != null) {
            return synonyms;
        }
        try {
            synonyms = stored();
        } catch (IOException | ElasticsearchException e) {
            LOG.warnf("Cannot read the synonyms from [%s]: %s; using the ones read before", index(), ElasticsearchFailures.describe(e));
            synonyms = cached != null ? cached : fromFile();
        }
        cached = synonyms;
        readAt = now;
        return synonyms;
    }

    /** Replaces the list for every instance; refuses a bad list whole, with the lines at fault. */
    public Synonyms replace(String text) throws IOException {
        Synonyms synonyms = Synonyms.parse(text);
        if (!client.indices().exists(e -> e.index(index())).value()) {
            try {
                client.indices().create(c -> c.index(index())
                    .settings(s -> s.numberOfShards("1"))
                    .mappings(m -> m.dynamic(co.elastic.clients.elasticsearch._types.mapping.DynamicMapping.False)));
            } catch (ElasticsearchException e) {
                if (!"resource_already_exists_exception".equals(e.error().type())) {
                    throw e;
                }
            }
        }
        client.index(i -> i.index(index()).id(DOCUMENT).document(Map.of("text", text)).refresh(Refresh.WaitFor));
        cached = synonyms;
        readAt = System.nanoTime();
        LOG.infof("Synonyms replaced: %d group(s)", synonyms.groups().size());
        return synonyms;
    }

    @SuppressWarnings("rawtypes")
    private Synonyms stored() throws IOException {
        try {
            GetResponse<Map> stored = client.get(g -> g.index(index()).id(DOCUMENT), Map.class);
            if (stored.found() && stored.source() != null && stored.source().get("text") instanceof String text) {
                return Synonyms.parse(text);
            }
        } catch (ElasticsearchException e) {
            if (e.status() != 404) {
                throw e;
            }
        }
        return fromFile();
    }

    private Synonyms fromFile() {
        try {
            if (config.synonymsFile().isPresent()) {
                return Synonyms.parse(Files.readString(config.synonymsFile().get(), StandardCharsets.UTF_8));
            }
            try (InputStream in = SynonymStore.class.getResourceAsStream("/search/synonyms.txt")) {
                return Synonyms.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the synonyms file " + config.synonymsFile().orElse(null), e);
        }
    }
}
