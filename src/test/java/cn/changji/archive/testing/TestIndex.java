package cn.changji.archive.testing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import co.elastic.clients.elasticsearch.ElasticsearchClient;

/** The index the tests' service writes to, and a fingerprint of what it holds (to prove nothing was harmed). */
public final class TestIndex {
    /** The alias of the test profile: archive.index.alias's default. */
    public static final String ALIAS = "articles";

    private TestIndex() {}

    /** How many articles an alias holds and a hash of all their ids, once every write is visible. */
    public static String fingerprint(ElasticsearchClient client, String alias) throws IOException {
        client.indices().refresh(r -> r.index(alias));
        List<String> ids = new ArrayList<>();
        client.search(s -> s.index(alias).size(10_000).source(src -> src.fetch(false))
            .sort(o -> o.field(f -> f.field("id"))), Void.class).hits().hits().forEach(h -> ids.add(h.id()));
        return ids.size() + ":" + ids.hashCode();
    }

    /** The number of articles an alias holds, once every write is visible. */
    public static long count(ElasticsearchClient client, String alias) throws IOException {
        client.indices().refresh(r -> r.index(alias));
        return client.count(c -> c.index(alias)).count();
    }
}
