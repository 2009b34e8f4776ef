package cn.changji.archive.index;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.node.ObjectNode;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch.core.mget.MultiGetResponseItem;
import jakarta.enterprise.context.ApplicationScoped;

/** What the index holds now: the content hash of each stored article, so an unchanged article is not sent again. */
@ApplicationScoped
public class StoredHashes {
    private static final Logger LOG = Logger.getLogger(StoredHashes.class);

    private final ElasticsearchClient client;
    private final IndexDefinition definition;

    StoredHashes(ElasticsearchClient client, IndexDefinition definition) {
        this.client = client;
        this.definition = definition;
    }

    /**
     * The stored hashes of these ids, or none when Elasticsearch cannot tell them now: the articles are then all
     * sent (the same ids overwrite the same documents) and the bulk writer's retries deal with the cluster's state.
     */
    public Map<String, String> ofIfReachable(List<String> ids) throws IOException {
        try {
            return of(ids);
        } catch (IOException | ElasticsearchException e) {
            if (!ElasticsearchFailures.isClusterFailure(e)) {
                throw e;
            }
            LOG.warnf("Stored hashes of %d article(s) unreadable (%s); sending them all", ids.size(),
                ElasticsearchFailures.describe(e));
            return Map.of();
        }
    }

    private Map<String, String> of(List<String> ids) throws IOException {
        Map<String, String> hashes = new HashMap<>();
        if (ids.isEmpty()) {
            return hashes;
        }
        for (MultiGetResponseItem<ObjectNode> item : client.mget(m -> m.index(definition.alias()).ids(ids)
            .sourceIncludes("contentHash"), ObjectNode.class).docs()) {
            if (item.isResult() && item.result().found() && item.result().source() != null
                && item.result().source().hasNonNull("contentHash")) {
                hashes.put(item.result().id(), item.result().source().get("contentHash").textValue());
            }
        }
        return hashes;
    }
}
