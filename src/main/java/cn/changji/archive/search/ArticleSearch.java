package cn.changji.archive.search;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;

import cn.changji.archive.failure.ArchiveException;
import cn.changji.archive.config.SearchConfig;
import cn.changji.archive.index.ArticleDocuments;
import cn.changji.archive.index.CircuitBreaker;
import cn.changji.archive.index.ElasticsearchHttp;
import cn.changji.archive.index.ElasticsearchJson;
import cn.changji.archive.index.IndexDefinition;
import cn.changji.archive.index.VertxFutures;
import cn.changji.archive.observability.ArchiveMetrics;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import jakarta.inject.Singleton;

/**
 * Runs searches, related-article lookups and suggestions against the articles alias. Every request gives up on the
 * client side shortly after the server-side search timeout, so a stalled cluster costs a caller seconds.
 */
@Singleton
public class ArticleSearch {
    private static final Logger LOG = Logger.getLogger(ArticleSearch.class);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final long CLIENT_GRACE_MILLIS = 1000;

    private final ElasticsearchJson json;
    private final ElasticsearchHttp http;
    private final ObjectMapper mapper;
    private final IndexDefinition definition;
    private final SearchConfig config;
    private final SynonymStore synonyms;
    private final ArchiveMetrics metrics;
    private final GuardedCalls calls;

    ArticleSearch(ElasticsearchJson json, ElasticsearchHttp http, ObjectMapper mapper, IndexDefinition definition,
                  SearchConfig config, SynonymStore synonyms, ArchiveMetrics metrics, CircuitBreaker breaker) {
        this.json = json;
        this.http = http;
        this.mapper = mapper;
        this.definition = definition;
        this.config = config;
        this.synonyms = synonyms;
        this.metrics = metrics;
        this.calls = new GuardedCalls(breaker);
    }

    /**
     * A search, without a thread waiting on Elasticsearch: the request goes out from the caller's event loop and the
     * answer is read there when it arrives, straight into the API's JSON.
     */
    public Uni<SearchAnswerJson> search(SearchParams params) {
        return VertxFutures.uni(() -> searchNow(params));
    }

    /**
     * {@link #search} as a Vert.x future, started at once: the search route's way, whose steps follow each other on
     * the event loop with no Mutiny operator between (each captures and restores the request's context).
     */
    public Future<SearchAnswerJson> searchNow(SearchParams params) {
        long start = System.nanoTime();
        return calls.now(() -> run(params)).andThen(done -> {
            if (done.succeeded()) {
                metrics.searched("search", Duration.ofNanos(System.nanoTime() - start), done.result().total());
            }
        });
    }

    /** {@link #search} read into records, for those that use a search's hits rather than pass them on (feeds). */
    public Uni<SearchAnswer> searchAnswer(SearchParams params) {
        return search(params).map(answer -> {
            try {
                return mapper.readValue(answer.json(), SearchAnswer.class);
            } catch (IOException e) {
                throw new IllegalStateException("Cannot read the search answer the service wrote: " + e.getMessage(), e);
            }
        });
    }

    /** A search whose requests are made already (a search by meaning's), without the search's metrics. */
    Uni<SearchAnswerJson> searchWith(SearchParams params, SearchRequestBody body) {
        return calls.async(() -> run(params, null, body));
    }

    /**
     * A search's requests and one search more in one _msearch, read as they came (hybrid search's window of the words'
     * ranks and facets, with its neighbours by meaning). The words' errors and timeouts fail it as a search's do; the
     * further search's answer is the caller's to check.
     */
    Uni<MsearchReading> searchWith(SearchRequestBody body, ObjectNode more) {
        return calls.async(() -> msearch(body.msearch(definition.alias(), more))
            .map(answer -> {
                MsearchReading reading = MsearchReading.read(answer, true);
                answered(reading.hits(), false);
                answered(reading.facets() == null ? MsearchReading.Response.NONE : reading.facets(), false);
                return reading;
            }));
    }

    /**
     * Hits of the search's words from {@code from}, leaving out the articles {@code except}: hybrid search's hits after
     * its fused window, which showed them. Every page of a search leaves out the same articles, so the pages share one
     * ranking and none repeats or skips a hit.
     */
    Uni<List<SearchAnswer.Hit>> wordHits(SearchParams params, Synonyms current, int from, int size, List<String> except) {
        ObjectNode hits = SearchRequestBody.hitsOnly(params, current, config.timeout());
        if (!except.isEmpty()) {
            ObjectNode bool = JSON.objectNode();
            bool.putArray("must").add(hits.get("query"));
            bool.putArray("must_not").add(SearchQueries.ids(except));
            hits.set("query", SearchQueries.wrap("bool", bool));
        }
        hits.put("from", from).put("size", size);
        return hits(hits).map(found -> found.stream().map(hit -> hit(hit, true)).toList());
    }

    /** The hits of one _search, read into records. */
    Uni<List<ElasticsearchAnswers.Hit>> hits(ObjectNode body) {
        return calls.async(() -> http.request("POST", "/" + definition.alias() + "/_search",
                body.toString().getBytes(StandardCharsets.UTF_8), clientTimeout(), ElasticsearchAnswers.Search.class))
            .map(ElasticsearchAnswers.Search::hitList);
    }

    Duration timeout() {
        return config.timeout();
    }

    private Future<SearchAnswerJson> run(SearchParams params) {
        Future<Cursor> cursor = params.cursor() == null ? Future.succeededFuture()
            : params.cursor().equals(SearchParams.START_CURSOR)
                ? openPointInTime().map(pit -> new Cursor(pit, null, -1))
                : Future.succeededFuture(params.cursor()).map(Cursor::decode);
        return cursor.compose(walk -> synonyms.currentLater().compose(current -> run(params, walk,
            SearchRequestBody.of(params, current, config.timeout()))));
    }

    private Future<SearchAnswerJson> run(SearchParams params, Cursor walk, SearchRequestBody body) {
        if (walk != null) {
            body.hits().putObject("pit").put("id", walk.pit()).put("keep_alive", keepAlive());
            if (walk.after() != null) {
                body.hits().set("search_after", walk.after());
            }
        } else {
            body.hits().put("from", (params.page() - 1) * params.size());
        }
        return msearch(body.msearch(definition.alias()))
            .map(answer -> answer(params, body, walk,
                MsearchReading.read(answer, params.sort() == SearchParams.Sort.RELEVANCE)));
    }

    private SearchAnswerJson answer(SearchParams params, SearchRequestBody body, Cursor cursor, MsearchReading reading) {
        MsearchReading.Response hits = answered(reading.hits(), cursor != null);
        MsearchReading.Response facets = body.facets() == null ? null
            : answered(reading.facets() == null ? MsearchReading.Response.NONE : reading.facets(), false);
        long total = facets == null ? cursor.total() : facets.total();
        String next = null;
        if (cursor != null) {
            String pit = hits.pitId() == null ? cursor.pit() : hits.pitId();
            if (hits.hits() == params.size()) {
                next = new Cursor(pit, hits.lastSort(), total).encode();
            } else {
                closePointInTime(pit);
            }
        }
        long took = Math.max(hits.took(), facets == null ? 0 : facets.took());
        return reading.answer(total, took, params.page(), params.size(), next);
    }

    /** An _msearch of these NDJSON lines, answered in Smile and trimmed to what {@link MsearchReading} reads. */
    private Future<Buffer> msearch(byte[] ndjson) {
        return http.exchange("POST", "/_msearch?filter_path=" + SearchRequestBody.MSEARCH_FILTER, "application/x-ndjson",
            ElasticsearchHttp.SMILE, ndjson, clientTimeout());
    }

    /** One answer of the _msearch, checked: an error or a timeout becomes the problem the caller gets. */
    private MsearchReading.Response answered(MsearchReading.Response answer, boolean cursorWalk) {
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

    private Future<String> openPointInTime() {
        return http.request("POST", "/" + definition.alias() + "/_pit?keep_alive=" + keepAlive(), new byte[0],
            clientTimeout(), JsonNode.class).map(opened -> opened.path("id").asText());
    }

    /** Closes a finished walk's point in time in the background: if that fails, it expires by itself. */
    private void closePointInTime(String id) {
        http.request("DELETE", "/_pit", JSON.objectNode().put("id", id).toString().getBytes(StandardCharsets.UTF_8),
                clientTimeout(), JsonNode.class)
            .onFailure(failure -> LOG.debugf("Closing point in time failed (it expires by itself): %s",
                failure.getMessage()));
    }

    static SearchAnswer.Hit hit(ElasticsearchAnswers.Hit hit, boolean scored) {
        ElasticsearchAnswers.Source source = hit.shown();
        return new SearchAnswer.Hit(hit.articleId(), source.title(), source.subtitle(),
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
                return MsearchReading.snippet(fragments.get(0));
            }
        }
        return "";
    }

    /** Related articles, and how they were found. */
    public record Related(List<SearchAnswer.Hit> hits, boolean byMeaning) {}

    /** The facets related articles can be kept within: those of an article's own values (not the month). */
    public static final Set<Facet> RELATED_WITHIN = EnumSet.of(Facet.COUNTY, Facet.INDUSTRY, Facet.ORGANIZATION,
        Facet.AUTHOR, Facet.TYPE);

    /** The facets of a related request's {@code within} (comma-separated facet parameters); none for null or blank. */
    public static Set<Facet> relatedWithin(String within) {
        Set<Facet> facets = EnumSet.noneOf(Facet.class);
        if (within == null || within.isBlank()) {
            return facets;
        }
        for (String name : within.split(",")) {
            Facet facet = Facet.byParameter(name.strip());
            if (facet == null || !RELATED_WITHIN.contains(facet)) {
                throw ArchiveException.invalid("Query parameter 'within' names '" + name.strip() + "'; it takes a comma-separated "
                    + "list of " + RELATED_WITHIN.stream().map(Facet::parameter).toList() + ".");
            }
            facets.add(facet);
        }
        return facets;
    }

    /**
     * Articles nearest in meaning to this one (the nearest neighbours of its vector), never the article itself; while
     * it has no vector yet, articles like it by their words (more like this on title and body). {@code within}: only
     * articles that share a value of each of these facets with it (a facet it has no value of is left out). Empty when
     * there is no article with this id.
     */
    public Optional<Related> related(String id, int size, Set<Facet> within) throws IOException {
        long start = System.nanoTime();
        // the vector is not in the stored _source: it is read from its field
        ObjectNode lookup = JSON.objectNode().put("size", 1).set("query", SearchQueries.ids(List.of(id)));
        if (within.isEmpty()) {
            lookup.put("_source", false); // empty includes would mean the whole article
        } else {
            ArrayNode includes = lookup.putObject("_source").putArray("includes");
            within.forEach(facet -> includes.add(facet.field()));
        }
        lookup.putArray("docvalue_fields").add(ArticleDocuments.VECTOR);
        JsonNode article;
        try {
            article = calls.blocking(() -> json.call("POST", "/" + definition.alias() + "/_search", lookup, clientTimeout()))
                .path("hits").path("hits").path(0);
        } catch (ElasticsearchException e) {
            if (e.status() == 404) {
                return Optional.empty(); // no index yet
            }
            throw e;
        }
        if (article.isMissingNode()) {
            return Optional.empty();
        }
        JsonNode source = article.path("_source");
        ObjectNode others = JSON.objectNode();
        others.putArray("must_not").add(SearchQueries.ids(List.of(id)));
        ArrayNode shared = others.putArray("filter");
        for (Facet facet : within) {
            JsonNode values = source.path(facet.field());
            if ((values.isArray() && !values.isEmpty()) || values.isTextual()) {
                ArrayNode terms = JSON.arrayNode();
                if (values.isTextual()) {
                    terms.add(values);
                } else {
                    terms.addAll((ArrayNode) values);
                }
                shared.add(SearchQueries.wrap("terms", JSON.objectNode().set(facet.field(), terms)));
            }
        }
        JsonNode vector = ArticleDocuments.vectorField(article);
        boolean byMeaning = vector.isArray() && !vector.isEmpty();
        ObjectNode body = JSON.objectNode();
        if (byMeaning) {
            body.set("knn", SearchRequestBody.knn(new RawValue(vector.toString()), size, Math.max(100, size * 10),
                SearchQueries.wrap("bool", others)));
            body.set("highlight", SearchRequestBody.highlight("body", null)); // no words: the opening
        } else {
            ObjectNode mlt = JSON.objectNode();
            mlt.putArray("fields").add("title").add("body");
            mlt.putArray("like").addObject().put("_index", definition.alias()).put("_id", id);
            mlt.put("min_term_freq", 1).put("min_doc_freq", 1).put("max_query_terms", 40).put("minimum_should_match", "10%");
            others.putArray("must").add(SearchQueries.wrap("more_like_this", mlt));
            body.set("query", SearchQueries.wrap("bool", others));
            body.set("highlight", SearchRequestBody.highlight("body", null)); // the words more like this matched
        }
        body.put("size", size);
        body.put("timeout", config.timeout().toMillis() + "ms");
        ArrayNode included = body.putObject("_source").putArray("includes");
        SearchRequestBody.HIT_FIELDS.forEach(included::add);
        List<SearchAnswer.Hit> hits = new ArrayList<>();
        for (ElasticsearchAnswers.Hit hit : calls.blocking(() -> searchHits(body)).hitList()) {
            hits.add(hit(hit, true));
        }
        metrics.searched("related", Duration.ofNanos(System.nanoTime() - start), hits.size());
        return Optional.of(new Related(hits, byMeaning));
    }

    /** Completions of what a journalist is typing: titles, authors, places and organisations that start with it. */
    public Uni<List<String>> suggest(String prefix, int size) {
        long start = System.nanoTime();
        ObjectNode body = JSON.objectNode();
        body.putObject("suggest").putObject("complete").put("prefix", prefix)
            .putObject("completion").put("field", "suggest").put("size", size).put("skip_duplicates", true);
        body.put("_source", false);
        return calls.async(() -> http.request("POST", "/" + definition.alias() + "/_search",
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
