package cn.changji.archive.search;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.RawValue;

import cn.changji.archive.failure.ArchiveException;
import cn.changji.archive.meaning.TextEmbedder;
import cn.changji.archive.observability.ArchiveMetrics;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Search by meaning (mode=hybrid and mode=semantic). The query's words go through the embedding model (on a worker
 * thread: a few milliseconds of CPU) and the vector to Elasticsearch's nearest-neighbour search over the articles'
 * vectors (int8 HNSW). Semantic: the {@value #NEIGHBOURS} nearest articles, filtered and counted like a keyword
 * search's hits. Hybrid: the words' {@value #WINDOW} best hits and the {@value #WINDOW} nearest articles
 * under the same filters, fused by reciprocal rank ({@link RankFusion}), then the words' other hits, so the recall of
 * a keyword search is kept; its facets count the words' hits and those meaning alone found ({@link HybridFacets}).
 * A search without words has nothing to mean: it is a keyword search.
 */
@ApplicationScoped
public class MeaningSearch {
    private static final Logger LOG = Logger.getLogger(MeaningSearch.class);
    /** Nearest articles semantic search considers: its whole result. */
    public static final int NEIGHBOURS = 100;
    /**
     * The depth of each ranking hybrid search fuses: the first pages come from it, the words' later hits after it. At
     * 100,000 articles a window of 30 took Elasticsearch 2 and 3 ms for the two rankings, one of 100 took 6 and 8.
     */
    static final int WINDOW = 30;
    /** Query vectors kept, by words: a journalist's next page or facet click reuses the vector of the same words. */
    private static final int REMEMBERED_QUERIES = 1024;

    private final ArticleSearch search;
    private final SynonymStore synonyms;
    private final TextEmbedder embedder;
    private final ObjectMapper mapper;
    private final ArchiveMetrics metrics;
    private final Map<String, RawValue> vectors = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, RawValue> eldest) {
            return size() > REMEMBERED_QUERIES;
        }
    };

    MeaningSearch(ArticleSearch search, SynonymStore synonyms, TextEmbedder embedder, ObjectMapper mapper, ArchiveMetrics metrics) {
        this.search = search;
        this.synonyms = synonyms;
        this.embedder = embedder;
        this.mapper = mapper;
        this.metrics = metrics;
    }

    public Uni<SearchAnswerJson> search(SearchParams params) {
        if (params.mode() == SearchParams.Mode.KEYWORD || params.query().required().isEmpty()) {
            return search.search(params);
        }
        long start = System.nanoTime();
        // back on the caller's event loop once the vector is computed: requests sent from the worker thread went out on
        // the shared client, and now and then an answer came back empty there
        Context caller = Vertx.currentContext();
        return vector(params.query())
            .emitOn(caller == null ? Runnable::run : command -> caller.runOnContext(ignored -> command.run()))
            .flatMap(vector -> synonyms.currentAsync().flatMap(current -> params.mode() == SearchParams.Mode.SEMANTIC
                ? search.searchWith(params, SearchRequestBody.semantic(params, current, search.timeout(), vector, NEIGHBOURS))
                : hybrid(params, current, vector)))
            .invoke(answer -> metrics.searched(params.mode().parameter(), Duration.ofNanos(System.nanoTime() - start),
                answer.total()));
    }

    /** The vector of the query's words as a request holds it, remembered or computed on a worker thread. */
    private Uni<RawValue> vector(UserQuery query) {
        String words = query.positiveTerms().stream().map(UserQuery.Term::text).collect(Collectors.joining(" "));
        synchronized (vectors) {
            RawValue known = vectors.get(words);
            if (known != null) {
                return Uni.createFrom().item(known);
            }
        }
        return Uni.createFrom().item(() -> {
            RawValue vector;
            try {
                vector = SearchRequestBody.vectorJson(embedder.query(words));
            } catch (IllegalStateException e) {
                throw new ArchiveException(ArchiveException.Kind.UNAVAILABLE, "Search by meaning is unavailable: "
                    + e.getMessage() + ". Keyword search (mode=keyword) still works.");
            }
            synchronized (vectors) {
                vectors.put(words, vector);
            }
            return vector;
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private Uni<SearchAnswerJson> hybrid(SearchParams params, Synonyms current, RawValue vector) {
        // both rankings as ids (the neighbours with the fields their facets count), in one _msearch with the facets:
        // only the page shown is fetched whole
        SearchParams window = params.withPage(1, WINDOW);
        return search.searchWith(SearchRequestBody.of(window, current, search.timeout()).ranksOnly(),
                SearchRequestBody.nearest(params, current, search.timeout(), vector, WINDOW))
            .map(this::rankings)
            .flatMap(rankings -> page(params, current, rankings,
                RankFusion.fuse(rankings.byWords(), rankings.byMeaning())));
    }

    /**
     * What hybrid search's first exchange found: the words' best hits (ids alone), how many hits the words have, the
     * facets they count, and the neighbours by meaning.
     */
    private record Rankings(List<SearchAnswer.Hit> byWords, long wordsTotal, long took, SearchAnswer.Facets facets,
                            List<RankFusion.Near> byMeaning) {}

    private Rankings rankings(MsearchReading reading) {
        List<SearchAnswer.Hit> byWords = reading.hitIds().stream()
            .map(id -> new SearchAnswer.Hit(id, null, null, null, List.of(), List.of(), List.of(), List.of(), null, "", null))
            .toList();
        SearchAnswer.Facets facets = reading.facetCounts();
        long took = Math.max(reading.hits().took(), reading.facets() == null ? 0 : reading.facets().took());
        return new Rankings(byWords, reading.facets() == null ? 0 : reading.facets().total(), took, facets,
            neighbours(reading));
    }

    /** The neighbours by meaning; without them (a failure), none: a hybrid search never answers less than a keyword search. */
    private List<RankFusion.Near> neighbours(MsearchReading reading) {
        String failure;
        if (reading.further().isEmpty()) {
            failure = "no answer";
        } else {
            try {
                ElasticsearchAnswers.Search found = mapper.readValue(reading.further().get(0).asParser(),
                    ElasticsearchAnswers.Search.class);
                if (found.error() == null) {
                    return found.hitList().stream().map(hit -> new RankFusion.Near(ArticleSearch.hit(hit, true),
                        hit.matchedQueries() != null && hit.matchedQueries().contains(SearchRequestBody.WORDS))).toList();
                }
                failure = found.status() + " " + found.error();
            } catch (IOException e) {
                failure = "an answer that could not be read: " + e.getMessage();
            }
        }
        LOG.warnf("Search by meaning's neighbours failed (%s); answering with the words' hits alone", failure);
        return List.of();
    }

    /**
     * The page asked for: from the fused hits (fetched now with their fields and highlighted words), then from the
     * words' hits below their window; both at once.
     */
    private Uni<SearchAnswerJson> page(SearchParams params, Synonyms current, Rankings rankings, RankFusion.Fused fused) {
        long total = rankings.wordsTotal() + fused.meaningOnly().size();
        SearchAnswer.Facets facets = HybridFacets.plus(rankings.facets(), fused.meaningOnly());
        int from = (params.page() - 1) * params.size();
        List<SearchAnswer.Hit> ranked = fused.hits().subList(Math.min(from, fused.hits().size()),
            Math.min(fused.hits().size(), from + params.size()));
        Uni<List<SearchAnswer.Hit>> shown = ranked.isEmpty() ? Uni.createFrom().item(List.of())
            : search.hits(SearchRequestBody.shown(ranked.stream().map(SearchAnswer.Hit::id).toList(), params, current,
                search.timeout())).map(found -> inRankOrder(ranked, found));
        int missing = params.size() - ranked.size();
        boolean wordsBelowWindow = rankings.byWords().size() == WINDOW && rankings.wordsTotal() > WINDOW + fused.shownBelow().size();
        Uni<List<SearchAnswer.Hit>> below = Uni.createFrom().item(List.of());
        if (missing > 0 && wordsBelowWindow) {
            // every article the fused ranking holds that the words match is left out by id, not by the window's depth:
            // leaving some out changes which hits the recency rescore reorders, and a hit of the window could come again
            Set<String> shownWordHits = new LinkedHashSet<>();
            rankings.byWords().forEach(hit -> shownWordHits.add(hit.id()));
            shownWordHits.addAll(fused.shownBelow());
            int skip = Math.max(0, from - fused.hits().size()); // the words' later hits on earlier pages
            below = search.wordHits(params, current, skip, missing, List.copyOf(shownWordHits)).map(more -> {
                List<SearchAnswer.Hit> scored = new ArrayList<>();
                for (int i = 0; i < more.size(); i++) {
                    scored.add(RankFusion.scored(more.get(i), RankFusion.score(WINDOW + skip + i + 1)));
                }
                return scored;
            });
        }
        return Uni.combine().all().unis(shown, below).asTuple().map(both -> {
            List<SearchAnswer.Hit> hits = new ArrayList<>(both.getItem1());
            hits.addAll(both.getItem2());
            return answer(params, rankings.took(), total, hits, facets);
        });
    }

    /** The fetched hits in the fused order, with the fused scores (an article deleted in between is left out). */
    private static List<SearchAnswer.Hit> inRankOrder(List<SearchAnswer.Hit> ranked, List<ElasticsearchAnswers.Hit> found) {
        Map<String, SearchAnswer.Hit> byId = new HashMap<>();
        found.forEach(hit -> byId.put(hit.id(), ArticleSearch.hit(hit, true)));
        return ranked.stream().filter(hit -> byId.containsKey(hit.id()))
            .map(hit -> RankFusion.scored(byId.get(hit.id()), hit.score())).toList();
    }

    private SearchAnswerJson answer(SearchParams params, long took, long total, List<SearchAnswer.Hit> hits,
                                    SearchAnswer.Facets facets) {
        try {
            return new SearchAnswerJson(mapper.writeValueAsBytes(new SearchAnswer(total, took, params.page(), params.size(), hits,
                facets, null)), total);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write a search answer: " + e.getMessage(), e);
        }
    }
}
