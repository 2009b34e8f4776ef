package cn.changji.archive.search;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cn.changji.archive.failure.ArchiveException;
import cn.changji.archive.config.SearchConfig;
import cn.changji.archive.index.CircuitBreaker;
import cn.changji.archive.index.ElasticsearchJson;
import cn.changji.archive.index.IndexDefinition;
import cn.changji.archive.observability.ArchiveMetrics;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Runs searches, related-article lookups and suggestions against the articles alias. Every request gives up on the
 * client side shortly after the server-side search timeout, so a stalled cluster costs a caller seconds.
 */
@ApplicationScoped
public class ArticleSearch {
    private static final Logger LOG = Logger.getLogger(ArticleSearch.class);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final long CLIENT_GRACE_MILLIS = 1000;

    private final ElasticsearchJson json;
    private final IndexDefinition definition;
    private final SearchConfig config;
    private final SynonymStore synonyms;
    private final ArchiveMetrics metrics;
    private final GuardedCalls calls;

    ArticleSearch(ElasticsearchJson json, IndexDefinition definition, SearchConfig config, SynonymStore synonyms,
                  ArchiveMetrics metrics, CircuitBreaker breaker) {
        this.json = json;
        this.definition = definition;
        this.config = config;
        this.synonyms = synonyms;
        this.metrics = metrics;
        this.calls = new GuardedCalls(breaker);
    }

    /**
     * A search, without a thread waiting on Elasticsearch: the request goes out from the caller's thread and the
     * answer is read on the client's I/O thread when it arrives.
     */
    public Uni<SearchAnswer> search(SearchParams params) {
        long start = System.nanoTime();
        return calls.async(() -> run(params))
            .invoke(answer -> metrics.searched("search", Duration.ofNanos(System.nanoTime() - start), answer.total()));
    }

    private Uni<SearchAnswer> run(SearchParams params) {
        Uni<Cursor> cursor = params.cursor() == null ? Uni.createFrom().nullItem()
            : params.cursor().equals(SearchParams.START_CURSOR)
                ? openPointInTime().map(pit -> new Cursor(pit, null, -1))
                : Uni.createFrom().item(() -> Cursor.decode(params.cursor()));
        return cursor.flatMap(walk -> synonyms.currentAsync().flatMap(current -> run(params, walk,
            SearchRequestBody.of(params, current, config.timeout()))));
    }

    private Uni<SearchAnswer> run(SearchParams params, Cursor walk, SearchRequestBody body) {
        if (walk != null) {
            body.hits().putObject("pit").put("id", walk.pit()).put("keep_alive", keepAlive());
            if (walk.after() != null) {
                body.hits().set("search_after", walk.after());
            }
        } else {
            body.hits().put("from", (params.page() - 1) * params.size());
        }
        return json.sendAsync("POST", "/_msearch?filter_path=" + SearchRequestBody.MSEARCH_FILTER,
                "application/x-ndjson", body.msearch(definition.alias()), clientTimeout(), ElasticsearchAnswers.Multi.class)
            .map(answers -> answer(params, body, walk, answers.responses()));
    }

    private SearchAnswer answer(SearchParams params, SearchRequestBody body, Cursor cursor,
                                List<ElasticsearchAnswers.Search> responses) {
        ElasticsearchAnswers.Search hitsAnswer = answered(responses.get(0), cursor != null);
        ElasticsearchAnswers.Search facetsAnswer = body.facets() == null ? null : answered(responses.get(1), false);

        List<ElasticsearchAnswers.Hit> found = hitsAnswer.hitList();
        List<SearchAnswer.Hit> hits = new ArrayList<>(found.size());
        for (ElasticsearchAnswers.Hit hit : found) {
            hits.add(hit(hit, params.sort() == SearchParams.Sort.RELEVANCE));
        }
        long total = facetsAnswer == null ? cursor.total() : total(facetsAnswer);
        String next = null;
        if (cursor != null) {
            String pit = hitsAnswer.pitId() == null ? cursor.pit() : hitsAnswer.pitId();
            if (hits.size() == params.size()) {
                next = new Cursor(pit, found.get(found.size() - 1).sort(), total).encode();
            } else {
                closePointInTime(pit);
            }
        }
        long took = Math.max(hitsAnswer.took(), facetsAnswer == null ? 0 : facetsAnswer.took());
        return new SearchAnswer(total, took, params.page(), params.size(), hits,
            facetsAnswer == null ? null : facets(ElasticsearchAnswers.orEmpty(facetsAnswer.aggregations())), next);
    }

    /** The hits under every filter: the total aggregation's count when a facet is selected, else the hits' total. */
    private static long total(ElasticsearchAnswers.Search facets) {
        ElasticsearchAnswers.Aggregation all = ElasticsearchAnswers.orEmpty(facets.aggregations()).get(SearchRequestBody.TOTAL);
        if (all != null) {
            return all.docCount();
        }
        return facets.hits() == null || facets.hits().total() == null ? 0 : facets.hits().total().value();
    }

    /** One answer of the _msearch, checked: an error or a timeout becomes the problem the caller gets. */
    private ElasticsearchAnswers.Search answered(ElasticsearchAnswers.Search answer, boolean cursorWalk) {
        if (answer.error() != null) {
            JsonNode error = JSON.objectNode().set("error", answer.error());
            ElasticsearchException failure = ElasticsearchJson.failure(answer.status() == 0 ? 500 : answer.status(), error);
            if (cursorWalk && (isMissingContext(failure) || failure.status() == 400)) {
                throw expiredCursor(); // a point in time gone, or a cursor someone made up
            }
            throw failure;
        }
        if (answer.timedOut()) {
            metrics.elasticsearchError("timeout");
            throw new ArchiveException(ArchiveException.Kind.UNAVAILABLE, "The search took longer than " + config.timeout().toMillis()
                + " ms and was stopped; narrow it or retry shortly.");
        }
        return answer;
    }

    private Duration clientTimeout() {
        return config.timeout().plusMillis(CLIENT_GRACE_MILLIS);
    }

    private ArchiveException expiredCursor() {
        return ArchiveException.invalid("The cursor has expired (cursors live " + keepAlive()
            + " after their last use) or is not one this service gave out; start again with cursor=*.");
    }

    private ElasticsearchAnswers.Search searchHits(ObjectNode body) throws IOException {
        return json.send("POST", "/" + definition.alias() + "/_search", "application/json",
            body.toString().getBytes(StandardCharsets.UTF_8), clientTimeout(), ElasticsearchAnswers.Search.class);
    }

    private static boolean isMissingContext(ElasticsearchException e) {
        String text = e.error().type() + " " + e.error().reason() + " " + e.error().causedBy();
        return e.status() == 404 || text.contains("search_context_missing") || text.contains("No search context");
    }

    private String keepAlive() {
        return config.cursorKeepAlive().toSeconds() + "s";
    }

    private Uni<String> openPointInTime() {
        return json.sendAsync("POST", "/" + definition.alias() + "/_pit?keep_alive=" + keepAlive(), "application/json",
            new byte[0], clientTimeout(), JsonNode.class).map(opened -> opened.path("id").asText());
    }

    /** Closes a finished walk's point in time in the background: if that fails, it expires by itself. */
    private void closePointInTime(String id) {
        json.sendAsync("DELETE", "/_pit", "application/json",
                JSON.objectNode().put("id", id).toString().getBytes(StandardCharsets.UTF_8), clientTimeout(), JsonNode.class)
            .subscribe().with(closed -> { }, failure -> LOG.debugf("Closing point in time failed (it expires by itself): %s",
                failure.getMessage()));
    }

    private static SearchAnswer.Facets facets(Map<String, ElasticsearchAnswers.Aggregation> aggs) {
        return new SearchAnswer.Facets(Facet.COUNTY.read(aggs), Facet.INDUSTRY.read(aggs), Facet.ORGANIZATION.read(aggs),
            Facet.AUTHOR.read(aggs), Facet.TYPE.read(aggs), Facet.MONTH.read(aggs));
    }

    private static SearchAnswer.Hit hit(ElasticsearchAnswers.Hit hit, boolean scored) {
        ElasticsearchAnswers.Source source = hit.source() == null
            ? new ElasticsearchAnswers.Source(null, null, null, null, null, null, null, null) : hit.source();
        return new SearchAnswer.Hit(hit.id(), source.title(), source.subtitle(),
            source.publishedOn() == null ? null : LocalDate.parse(source.publishedOn()),
            ElasticsearchAnswers.orEmpty(source.authors()), ElasticsearchAnswers.orEmpty(source.counties()),
            ElasticsearchAnswers.orEmpty(source.industries()), ElasticsearchAnswers.orEmpty(source.organizations()),
            source.type(), snippet(hit.highlight()),
            scored ? hit.score() : null);
    }

    /**
     * The highlighted passage (the best of its one highlighted field), else the opening of the body, which the
     * highlighter gives as no_match_size, HTML-escaped like the fragments: the body itself is never fetched.
     */
    static String snippet(Map<String, List<String>> highlight) {
        if (highlight == null) {
            return "";
        }
        for (List<String> fragments : highlight.values()) {
            if (fragments != null && !fragments.isEmpty()) {
                return fragments.get(0).replace("</em><em>", "").replace("\n\n", " ").strip();
            }
        }
        return "";
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
        body.set("highlight", SearchRequestBody.highlight("body", null)); // the words more like this matched
        ArrayNode source = body.putObject("_source").putArray("includes");
        SearchRequestBody.HIT_FIELDS.forEach(source::add);
        List<SearchAnswer.Hit> hits = new ArrayList<>();
        for (ElasticsearchAnswers.Hit hit : calls.blocking(() -> searchHits(body)).hitList()) {
            hits.add(hit(hit, true));
        }
        metrics.searched("related", Duration.ofNanos(System.nanoTime() - start), hits.size());
        return hits;
    }

    /** Completions of what a journalist is typing: titles, authors, places and organisations that start with it. */
    public Uni<List<String>> suggest(String prefix, int size) {
        long start = System.nanoTime();
        ObjectNode body = JSON.objectNode();
        body.putObject("suggest").putObject("complete").put("prefix", prefix)
            .putObject("completion").put("field", "suggest").put("size", size).put("skip_duplicates", true);
        body.put("_source", false);
        return calls.async(() -> json.sendAsync("POST", "/" + definition.alias() + "/_search", "application/json",
                body.toString().getBytes(StandardCharsets.UTF_8), clientTimeout(), JsonNode.class))
            .map(answer -> {
                LinkedHashSet<String> texts = new LinkedHashSet<>();
                for (JsonNode suggestion : answer.at("/suggest/complete")) {
                    suggestion.path("options").forEach(option -> texts.add(option.path("text").asText()));
                }
                metrics.searched("suggest", Duration.ofNanos(System.nanoTime() - start), texts.size());
                return List.copyOf(texts);
            });
    }
}
