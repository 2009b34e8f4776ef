package cn.changji.archive.index;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import cn.changji.archive.config.ElasticsearchConfig;
import cn.changji.archive.config.IndexConfig;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Creates the versioned articles index behind its alias, idempotently. At start-up Elasticsearch may not be there
 * yet: the service starts anyway and keeps trying in the background; readiness stays DOWN until this succeeds.
 */
@ApplicationScoped
public class IndexBootstrap {
    private static final Logger LOG = Logger.getLogger(IndexBootstrap.class);

    private final ElasticsearchClient client;
    private final ElasticsearchJson json;
    private final IndexDefinition definition;
    private final IndexConfig indexConfig;
    private final ElasticsearchConfig elasticsearchConfig;
    private volatile boolean done;
    private volatile String lastFailure = "the alias has not been checked yet";
    private ScheduledExecutorService retries;

    IndexBootstrap(ElasticsearchClient client, ElasticsearchJson json, IndexDefinition definition, IndexConfig indexConfig,
                   ElasticsearchConfig elasticsearchConfig) {
        this.client = client;
        this.json = json;
        this.definition = definition;
        this.indexConfig = indexConfig;
        this.elasticsearchConfig = elasticsearchConfig;
    }

    void onStart(@Observes StartupEvent event) {
        retries = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "index-bootstrap");
            thread.setDaemon(true);
            return thread;
        });
        retries.execute(this::attempt);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (retries != null) {
            retries.shutdownNow();
        }
    }

    /** Makes sure the alias exists, creating the versioned index with it if needed. */
    public synchronized void ensureIndex() throws IOException {
        if (done) {
            return;
        }
        String alias = definition.alias();
        String index = definition.indexName();
        // GET, not HEAD: a refusal then says which privilege on which index is missing
        if (json.exists("/_alias/" + alias, elasticsearchConfig.socketTimeout())) {
            LOG.infof("Alias [%s] already exists, using it", alias);
            addNewFields(alias);
        } else if (json.exists("/" + index, elasticsearchConfig.socketTimeout())) {
            client.indices().putAlias(a -> a.index(index).name(alias).isWriteIndex(true));
            LOG.infof("Pointed alias [%s] at existing index [%s]", alias, index);
            addNewFields(alias);
        } else {
            createIndex(index, alias);
        }
        done = true;
    }

    /**
     * Gives an index made by an earlier build of this version the fields added since (a field added to the mapping
     * is the one change an existing index takes in place; its documents get it when they are imported again). A
     * mapping that conflicts with the index is logged, not fatal: searches of the fields it has keep working.
     */
    private void addNewFields(String alias) throws IOException {
        try (InputStream json = definition.mappings()) {
            client.indices().putMapping(p -> p.index(alias).withJson(json));
        } catch (ElasticsearchException e) {
            LOG.errorf("The mapping of index/articles-v%d.json does not fit the index behind [%s]: %s; build the next "
                + "index version instead", IndexDefinition.VERSION, alias, ElasticsearchFailures.describe(e));
        }
    }

    private void createIndex(String index, String alias) throws IOException {
        try (InputStream json = definition.settingsAndMappings()) {
            client.indices().create(c -> c
                .index(index)
                .withJson(json)
                .settings(s -> s.numberOfShards(String.valueOf(indexConfig.shards()))
                    .numberOfReplicas(String.valueOf(indexConfig.replicas())))
                .aliases(alias, a -> a.isWriteIndex(true)));
            LOG.infof("Created index [%s] behind alias [%s] (%d shard(s), %d replica(s))",
                index, alias, indexConfig.shards(), indexConfig.replicas());
        } catch (ElasticsearchException e) {
            // another instance of the service created it at the same moment
            if (!"resource_already_exists_exception".equals(e.error().type())) {
                throw e;
            }
        }
    }

    /** Whether the alias has been seen (or made): from then on the service can serve. */
    public boolean isDone() {
        return done;
    }

    /** Why the last attempt failed, while none has succeeded. */
    public String lastFailure() {
        return lastFailure;
    }

    private void attempt() {
        try {
            ensureIndex();
        } catch (Exception e) {
            lastFailure = ElasticsearchFailures.accessRefusal(e).orElse("Elasticsearch unreachable at " + elasticsearchConfig.hosts()
                + ": " + ElasticsearchFailures.describe(e));
            LOG.warnf("Cannot create or check index alias [%s] on Elasticsearch %s: %s; retrying in %s",
                definition.alias(), elasticsearchConfig.hosts(), ElasticsearchFailures.describe(e), indexConfig.bootstrapRetry());
            retries.schedule(this::attempt, indexConfig.bootstrapRetry().toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
