package cn.changji.archive.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cn.changji.archive.search.SearchParams;
import cn.changji.archive.search.SearchRequestBody;
import cn.changji.archive.search.Synonyms;
import cn.changji.archive.search.UserQuery;

/**
 * Where a search's time goes in Elasticsearch, for the keyword queries of the mix: the phases of the hits request as
 * Elasticsearch's profile reports them, and the throughput of the hits and facets requests with one part taken out
 * at a time (each sent directly, at concurrency 8).
 */
final class CostBreakdown {
    private final Config config;
    private final List<SearchRequestBody> bodies = new ArrayList<>();

    CostBreakdown(Config config, Synonyms synonyms, List<SearchBench.Query> mix) {
        this.config = config;
        for (SearchBench.Query query : mix) {
            Map<String, List<String>> p = query.params();
            if (p.size() == 1 && p.containsKey("q")) {
                SearchParams params = SearchParams.of(UserQuery.parse(p.get("q").get(0)), SearchParams.Sort.RELEVANCE,
                    SearchParams.DEFAULT_SIZE);
                bodies.add(SearchRequestBody.of(params, synonyms, Duration.ofSeconds(5)));
            }
        }
    }

    String markdown(Duration cell) throws Exception {
        StringBuilder md = new StringBuilder("### Cost breakdown\n\nThe ").append(bodies.size())
            .append(" keyword queries of the mix, sent directly as the service sends them.\n\n");
        md.append(profile()).append('\n');
        Map<String, UnaryOperator<ObjectNode>> hits = new LinkedHashMap<>();
        hits.put("hits request as sent", h -> h);
        hits.put("without the highlight", h -> without(h, "highlight"));
        hits.put("without recency (the rescore of the 100 best matches)", h -> without(h, "rescore"));
        hits.put("recency in the query and the tie-breaking sort instead (the request before the rescore)", h -> {
            ObjectNode scored = Http.JSON.createObjectNode();
            scored.putObject("bool").set("must", Http.JSON.createArrayNode().add(h.get("query")));
            ((ObjectNode) scored.get("bool")).putArray("should").add(h.at("/rescore/query/rescore_query"));
            h.set("query", scored);
            h.remove("rescore");
            ArrayNode sort = h.putArray("sort");
            sort.addObject().putObject("_score").put("order", "desc");
            sort.addObject().putObject("publishedOn").put("order", "desc").put("missing", "_last");
            sort.addObject().putObject("id").put("order", "asc");
            return h;
        });
        hits.put("without the verbatim clauses", CostBreakdown::withoutVerbatim);
        hits.put("without _source (ids only)", h -> {
            h.put("_source", false);
            return h;
        });
        md.append("| request | requests/s at concurrency 8 |\n| --- | ---: |\n");
        for (Map.Entry<String, UnaryOperator<ObjectNode>> variant : hits.entrySet()) {
            List<String> payloads = new ArrayList<>();
            for (SearchRequestBody body : bodies) {
                payloads.add("{\"index\":\"" + config.alias() + "\"}\n" + variant.getValue().apply(body.hits().deepCopy()) + "\n");
            }
            md.append(row(variant.getKey(), payloads, cell));
        }
        for (boolean cached : new boolean[] { true, false }) {
            List<String> payloads = new ArrayList<>();
            for (SearchRequestBody body : bodies) {
                payloads.add("{\"index\":\"" + config.alias() + "\",\"request_cache\":" + cached + "}\n" + body.facets() + "\n");
            }
            md.append(row("facets request, " + (cached ? "from the shard request cache" : "computed (request cache off)"),
                payloads, cell));
        }
        return md.toString();
    }

    /** The hits request's phases as Elasticsearch's profile reports them, per search (profiling itself adds time). */
    private String profile() throws Exception {
        double query = 0;
        double collect = 0;
        double fetch = 0;
        double highlight = 0;
        double source = 0;
        int runs = 0;
        for (int round = 0; round < 3; round++) {
            for (SearchRequestBody body : bodies) {
                ObjectNode profiled = body.hits().deepCopy().put("profile", true).put("from", 0);
                JsonNode shard = Http.send("POST", config.elasticsearch() + "/" + config.alias() + "/_search", "application/json",
                    profiled.toString().getBytes(StandardCharsets.UTF_8)).ok().json().at("/profile/shards/0");
                JsonNode search = shard.at("/searches/0");
                for (JsonNode q : search.path("query")) {
                    query += q.path("time_in_nanos").asLong();
                }
                for (JsonNode c : search.path("collector")) {
                    collect += c.path("time_in_nanos").asLong();
                }
                fetch += shard.at("/fetch/time_in_nanos").asLong();
                for (Iterator<JsonNode> it = shard.at("/fetch/children").elements(); it.hasNext(); ) {
                    JsonNode phase = it.next();
                    if (phase.path("type").asText().equals("HighlightPhase")) {
                        highlight += phase.path("time_in_nanos").asLong();
                    } else if (phase.path("type").asText().equals("FetchSourcePhase")) {
                        source += phase.path("time_in_nanos").asLong();
                    }
                }
                runs++;
            }
        }
        double ms = 1e6 * runs;
        return String.format(Locale.ROOT, "Elasticsearch's profile of the hits request, mean per search over %d runs: "
            + "matching and scoring %.2f ms (the collector's share of it %.2f ms); fetch %.2f ms, of which the highlight "
            + "%.2f ms and _source filtering %.2f ms (the rest is reading stored fields).%n", runs, query / ms, collect / ms,
            fetch / ms, highlight / ms, source / ms);
    }

    private static ObjectNode without(ObjectNode hits, String field) {
        hits.remove(field);
        return hits;
    }

    /**
     * The verbatim clauses out of every word's alternatives: the headlines' (a dis_max of constant_score phrases) and
     * the body's (a phrase in filter context).
     */
    private static ObjectNode withoutVerbatim(ObjectNode hits) {
        for (JsonNode group : hits.at("/query/bool/must")) {
            Iterator<JsonNode> alternatives = group.at("/bool/should").elements();
            while (alternatives.hasNext()) {
                JsonNode alternative = alternatives.next();
                if (alternative.has("dis_max") || alternative.at("/bool/filter/0").has("match_phrase")) {
                    alternatives.remove();
                }
            }
        }
        return hits;
    }

    private String row(String label, List<String> payloads, Duration cell) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        AtomicLong done = new AtomicLong();
        long end = System.nanoTime() + cell.toNanos();
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int offset = t;
            workers.add(pool.submit(() -> {
                for (int i = offset; System.nanoTime() < end; i++) {
                    byte[] body = payloads.get(i % payloads.size()).getBytes(StandardCharsets.UTF_8);
                    Http.send("POST", config.elasticsearch() + "/_msearch", "application/x-ndjson", body).ok();
                    done.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        pool.shutdown();
        return String.format(Locale.ROOT, "| %s | %,.1f |%n", label, done.get() / (cell.toNanos() / 1e9));
    }
}
