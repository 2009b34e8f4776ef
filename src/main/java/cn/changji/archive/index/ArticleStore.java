package cn.changji.archive.index;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import cn.changji.archive.article.Article;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch._types.Result;
import co.elastic.clients.elasticsearch.core.get.GetResult;
import jakarta.enterprise.context.ApplicationScoped;

/** One article at a time: read it as indexed (without the index's own fields), or delete it. */
@ApplicationScoped
public class ArticleStore {
    private final ElasticsearchClient client;
    private final IndexBootstrap bootstrap;
    private final IndexDefinition definition;

    ArticleStore(ElasticsearchClient client, IndexBootstrap bootstrap, IndexDefinition definition) {
        this.client = client;
        this.bootstrap = bootstrap;
        this.definition = definition;
    }

    public Optional<Article> get(String id) throws IOException {
        try {
            GetResult<Article> result = client.get(g -> g.index(definition.alias()).id(id)
                .sourceExcludes(List.of(ArticleDocuments.INTERNAL_FIELDS)), Article.class);
            return result.found() ? Optional.ofNullable(result.source()) : Optional.empty();
        } catch (ElasticsearchException e) {
            if (e.status() == 404) {
                return Optional.empty(); // no index yet: no article either
            }
            throw e;
        }
    }

    /** Deletes one article; false when there was none with this id. Searches no longer see it when this returns. */
    public boolean delete(String id) throws IOException {
        bootstrap.ensureIndex();
        return client.delete(d -> d.index(definition.alias()).id(id).refresh(Refresh.WaitFor)).result() == Result.Deleted;
    }
}
