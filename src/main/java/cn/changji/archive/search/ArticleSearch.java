package cn.changji.archive.search;

import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.apache.http.client.config.RequestConfig;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cn.changji.archive.api.ProblemException;
import cn.changji.archive.config.ElasticsearchConfig;
import cn.changji.archive.config.SearchConfig;
import cn.changji.archive.index.IndexDefinition;
import cn.changji.archive.observability.ArchiveMetrics;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.CompletionSuggestOption;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.transport.rest_client.RestClientOptions;
import jakarta.enterprise.context.ApplicationScoped;

/** Runs searches, related-article lookups and suggestions against the articles alias. */
@ApplicationScoped
public class ArticleSearch {
    private static final Logger LOG = Logger.getLogger(ArticleSearch.class);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final long CLIENT_GRACE_MILLIS = 1000;

    private final ElasticsearchClient client;
    private final IndexDefinition definition;
    private final SearchConfig config;
    private final SynonymStore synonyms;
    private final ObjectMapper mapper;
    private final ArchiveMetrics metrics;

    ArticleSearch(ElasticsearchClient client, IndexDefinition definition, SearchConfig config, SynonymStore synonyms,
                  ObjectMapper mapper, ArchiveMetrics metrics, ElasticsearchConfig elasticsearch) {
        this.client = withSearchTimeout(client, config, elasticsearch);
        this.definition = definition;
        this.config = config;
        this.synonyms = synonyms;
        this.mapper = mapper;
        this.metrics = metrics;
    }

    /**
     * Searches give up on the client side shortly after the server-side timeout, so a stalled cluster costs a
     * caller seconds, not the client's general socket timeout.
     */
    private static ElasticsearchClient withSearchTimeout(ElasticsearchClient client, SearchConfig config,
                                                         ElasticsearchConfig elasticsearch) {
        if (!(client._transportOptions() instanceof RestClientOptions options)) {
            return client;
        }
        RestClientOptions.Builder builder = options.toBuilder();
        builder.restClientRequestOptionsBuilder().setRequestConfig(RequestConfig.custom()
            .setConnectTimeout((int) elasticsearch.connectTimeout().toMillis())
            .setSocketTimeout((int) (config.timeout().toMillis() + CLIENT_GRACE_MILLIS))
            .build());
        return client.withTransportOptions(builder.build());
    }

    public SearchAnswer search(SearchParams params) throws IOException {
        long start = System.nanoTime();
        SearchAnswer answer = run(params);
        metrics.searched("search", Duration.ofNanos(System.nanoTime() - start), answer.total());
        return answer;
    }

    private SearchAnswer run(SearchParams params) throws IOException {
        ObjectNode body = SearchRequestBody.of(params, synonyms.current(), config.timeout());

        boolean cursorWalk = params.cursor() != null;
        if (cursorWalk) {
            Cursor cursor = params.cursor().equals(SearchParams.START_CURSOR) ? new Cursor(openPointInTime(), null)
                : Cursor.decode(params.cursor());
            body.putObject("pit").put("id", cursor.pit()).put("keep_alive", keepAlive());
            if (cursor.after() != null) {
                body.set("search_after", cursor.after());
            }
        } else {
            body.put("from", (params.page() - 1) * params.size());
        }

        SearchResponse<ObjectNode> response = execute(body, cursorWalk);
        if (response.timedOut()) {
            metrics.elasticsearchError("timeout");
            throw new ProblemException(503, "The search took longer than " + config.timeout().toMillis()
                + " ms and was stopped; narrow it or retry shortly.");
        }
        List<SearchAnswer.Hit> hits = new ArrayList<>();
        for (Hit<ObjectNode> hit : response.hits().hits()) {
            hits.add(hit(hit, params.sort() == SearchParams.Sort.RELEVANCE));
        }
        long total = response.hits().total() == null ? hits.size() : response.hits().total().value();
        String next = null;
        if (cursorWalk) {
            List<Hit<ObjectNode>> page = response.hits().hits();
            if (page.size() == params.size()) {
                ArrayNode after = JSON.arrayNode();
                for (FieldValue value : page.get(page.size() - 1).sort()) {
                    after.add(mapper.valueToTree(value._get()));
                }
                next = new Cursor(response.pitId(), after).encode();
            } else {
                closePointInTime(response.pitId());
            }
        }
        return new SearchAnswer(total, response.took(), params.page(), params.size(), hits, facets(response), next);
    }

    private SearchResponse<ObjectNode> execute(ObjectNode body, boolean cursorWalk) throws IOException {
        SearchRequest request = SearchRequest.of(s -> {
            s.withJson(new StringReader(body.toString()));
            return cursorWalk ? s : s.index(definition.alias());
        });
        try {
            return client.search(request, ObjectNode.class);
        } catch (ElasticsearchException e) {
            if (cursorWalk && isMissingContext(e)) {
                throw new ProblemException(400, "The cursor has expired (cursors live " + keepAlive()
                    + " after their last use); start again with cursor=*.");
            }
            throw e;
        }
    }

    private static boolean isMissingContext(ElasticsearchException e) {
        String text = e.error().type() + " " + e.error().reason() + " " + e.error().causedBy();
        return e.status() == 404 || text.contains("search_context_missing") || text.contains("No search context");
    }

    private String keepAlive() {
        return config.cursorKeepAlive().toSeconds() + "s";
    }

    private String openPointInTime() throws IOException {
        return client.openPointInTime(o -> o.index(definition.alias()).keepAlive(k -> k.time(keepAlive()))).id();
    }

    private void closePointInTime(String id) {
        try {
            client.closePointInTime(c -> c.id(id));
        } catch (IOException | ElasticsearchException e) {
            LOG.debugf("Closing point in time failed (it expires by itself): %s", e.getMessage());
        }
    }

    private static SearchAnswer.Facets facets(SearchResponse<ObjectNode> response) {
        Map<String, Aggregate> aggs = response.aggregations();
        return new SearchAnswer.Facets(terms(aggs, "county"), terms(aggs, "industry"), terms(aggs, "author"),
            terms(aggs, "type"), months(aggs));
    }

    private static List<SearchAnswer.FacetValue> terms(Map<String, Aggregate> aggs, String facet) {
        return aggs.get(facet).filter().aggregations().get("values").sterms().buckets().array().stream()
            .map(b -> new SearchAnswer.FacetValue(b.key().stringValue(), b.docCount())).toList();
    }

    private static List<SearchAnswer.FacetValue> months(Map<String, Aggregate> aggs) {
        return aggs.get("month").filter().aggregations().get("values").dateHistogram().buckets().array().stream()
            .map(b -> new SearchAnswer.FacetValue(b.keyAsString(), b.docCount())).toList();
    }

    private SearchAnswer.Hit hit(Hit<ObjectNode> hit, boolean scored) {
        ObjectNode source = hit.source();
        return new SearchAnswer.Hit(hit.id(), text(source, "title"), text(source, "subtitle"),
            source.hasNonNull("publishedOn") ? LocalDate.parse(source.get("publishedOn").asText()) : null,
            list(source, "authors"), list(source, "counties"), list(source, "industries"), text(source, "type"),
            snippet(hit.highlight()), scored && hit.score() != null ? hit.score() : null);
    }

    /**
     * The verbatim match if there is one (what was typed), else the IK match, else the opening of the body (which
     * the highlighter gives as no_match_size, HTML-escaped like the fragments: the body itself is never fetched).
     */
    static String snippet(Map<String, List<String>> highlight) {
        String fallback = "";
        for (String field : List.of("body.exact", "body")) {
            List<String> fragments = highlight == null ? null : highlight.get(field);
            if (fragments != null && !fragments.isEmpty()) {
                String fragment = fragments.get(0).replace("</em><em>", "").replace("\n\n", " ").strip();
                if (fragment.contains("<em>")) {
                    return fragment;
                }
                fallback = fallback.isEmpty() ? fragment : fallback;
            }
        }
        return fallback;
    }

    private static String text(JsonNode source, String field) {
        return source.hasNonNull(field) ? source.get(field).asText() : null;
    }

    private static List<String> list(JsonNode source, String field) {
        List<String> values = new ArrayList<>();
        source.path(field).forEach(v -> values.add(v.asText()));
        return values;
    }

    /** Articles like this one (more like this on title and body), never the article itself. */
    public List<SearchAnswer.Hit> related(String id, int size) throws IOException {
        long start = System.nanoTime();
        ObjectNode body = JSON.objectNode();
        ObjectNode mlt = JSON.objectNode();
        mlt.putArray("fields").add("title").add("body");
        mlt.putArray("like").addObject().put("_index", definition.alias()).put("_id", id);
        mlt.put("min_term_freq", 1).put("min_doc_freq", 1).put("max_query_terms", 40).put("minimum_should_match", "10%");
        ObjectNode bool = JSON.objectNode();
        bool.putArray("must").add(SearchQueries.wrap("more_like_this", mlt));
        bool.putArray("must_not").add(SearchQueries.wrap("ids", JSON.objectNode().set("values", JSON.arrayNode().add(id))));
        body.set("query", SearchQueries.wrap("bool", bool));
        body.put("size", size);
        body.put("timeout", config.timeout().toMillis() + "ms");
        body.set("highlight", SearchRequestBody.highlight());
        ArrayNode source = body.putObject("_source").putArray("includes");
        SearchRequestBody.HIT_FIELDS.forEach(source::add);
        SearchResponse<ObjectNode> response = execute(body, false);
        List<SearchAnswer.Hit> hits = response.hits().hits().stream().map(h -> hit(h, true)).toList();
        metrics.searched("related", Duration.ofNanos(System.nanoTime() - start), hits.size());
        return hits;
    }

    /** Completions of what a journalist is typing: titles, authors and places that start with it. */
    public List<String> suggest(String prefix, int size) throws IOException {
        long start = System.nanoTime();
        ObjectNode body = JSON.objectNode();
        body.putObject("suggest").putObject("complete").put("prefix", prefix)
            .putObject("completion").put("field", "suggest").put("size", size).put("skip_duplicates", true);
        body.put("_source", false);
        SearchResponse<ObjectNode> response = execute(body, false);
        LinkedHashSet<String> texts = new LinkedHashSet<>();
        response.suggest().getOrDefault("complete", List.of()).forEach(suggestion -> {
            for (CompletionSuggestOption<ObjectNode> option : suggestion.completion().options()) {
                texts.add(option.text());
            }
        });
        metrics.searched("suggest", Duration.ofNanos(System.nanoTime() - start), texts.size());
        return List.copyOf(texts);
    }
}
