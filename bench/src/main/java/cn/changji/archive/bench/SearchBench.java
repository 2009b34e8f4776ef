package cn.changji.archive.bench;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cn.changji.archive.failure.Parameters;
import cn.changji.archive.search.Facet;
import cn.changji.archive.search.SearchParams;
import cn.changji.archive.search.UserQuery;
import cn.changji.archive.search.SearchRequestBody;
import cn.changji.archive.search.Synonyms;

/**
 * A journalist-like query mix sent three ways: through GET /api/v1/articles/search, as the identical _search
 * requests sent to Elasticsearch directly (the service's own SearchRequestBody), and as the plain query a team
 * without the service would send (see {@link #plain}). Each way runs at each concurrency for a fixed time.
 */
final class SearchBench {
    /**
     * SERVICE: a keyword search through the service; FLOOR: the same URL through a {@link PassThrough} (a cursor walk
     * it does not answer is left out); HYBRID: the service with mode=hybrid (keyword and meaning, fused).
     */
    enum Way { SERVICE, DIRECT, PLAIN, FLOOR, HYBRID }

    /** The service's archive.search.cursor-keep-alive (its default), which the direct way's walks use too. */
    private static final String CURSOR_KEEP_ALIVE = "5m";

    record Query(String label, Map<String, List<String>> params, int cursorPages) {}

    /** One way at one concurrency; the CPU seconds the service and Elasticsearch used meanwhile. */
    record Cell(Way way, int concurrency, long requests, long errors, double seconds, long[] latenciesMicros,
                double serviceCpuSeconds, double elasticsearchCpuSeconds) {
        double throughput() {
            return requests / seconds;
        }

        double serviceCpuMillisPerRequest() {
            return serviceCpuSeconds * 1000 / Math.max(1, requests);
        }

        double elasticsearchCpuMillisPerRequest() {
            return elasticsearchCpuSeconds * 1000 / Math.max(1, requests);
        }

        double percentileMillis(double p) {
            return SearchBench.percentileMillis(latenciesMicros, p);
        }

        /** This cell and another of the same way and concurrency (a later slice) as one. */
        Cell plus(Cell other) {
            long[] latencies = java.util.stream.LongStream.concat(Arrays.stream(latenciesMicros),
                Arrays.stream(other.latenciesMicros)).sorted().toArray();
            return new Cell(way, concurrency, requests + other.requests, errors + other.errors, seconds + other.seconds,
                latencies, serviceCpuSeconds + other.serviceCpuSeconds, elasticsearchCpuSeconds + other.elasticsearchCpuSeconds);
        }
    }

    /** The p-th percentile (nearest rank) of sorted microseconds, in milliseconds; NaN for none. */
    static double percentileMillis(long[] sortedMicros, double p) {
        if (sortedMicros.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(sortedMicros.length - 1, Math.ceil(p * sortedMicros.length) - 1);
        return sortedMicros[Math.max(0, index)] / 1000.0;
    }

    /** The endpoint of the direct way's requests: _msearch with the service's filter_path. */
    static final String MSEARCH = "/_msearch?filter_path=" + SearchRequestBody.MSEARCH_FILTER;

    private final Config config;
    private final Synonyms synonyms;
    private final List<Query> mix;
    private final ProcessCpu serviceCpu;
    private final ProcessCpu floorCpu;
    private final ProcessCpu elasticsearchCpu;
    /** The requests that do not change from one run to the next, by way, query (and page of a plain walk). */
    private final Map<List<Object>, KeepAliveHttp.Request> prepared = new ConcurrentHashMap<>();

    SearchBench(Config config) throws IOException, InterruptedException {
        this(config, mix());
    }

    SearchBench(Config config, List<Query> mix) throws IOException, InterruptedException {
        this.config = config;
        this.synonyms = Synonyms.parse(Http.get(config.service() + "/api/v1/synonyms").ok().body());
        this.mix = mix;
        this.serviceCpu = new ProcessCpu(config.servicePid());
        this.floorCpu = new ProcessCpu(config.floorPid());
        this.elasticsearchCpu = ProcessCpu.ofElasticsearch(config);
    }

    List<Query> queries() {
        return mix;
    }

    /** The ways of the keyword benchmark, the floor's when the run has one; {@link Way#HYBRID} is {@link MeaningBench}'s. */
    List<Way> keywordWays() {
        return config.floor() == null ? List.of(Way.SERVICE, Way.DIRECT, Way.PLAIN)
            : List.of(Way.SERVICE, Way.DIRECT, Way.PLAIN, Way.FLOOR);
    }

    Synonyms synonyms() {
        return synonyms;
    }

    static List<Query> mix() {
        List<Query> mix = new ArrayList<>();
        String[] words = { "新能源", "煤矿 安全", "木垒 新能源", "科技创新", "高质量发展", "产业 园区", "项目建设",
            "乡村 产业", "\"产业发展联盟\"", "中科院 合作", "文创产品", "-光伏 新能源", "煤炭 OR 煤电", "培训班",
            "安全生产 专项整治", "招商引资", "绿色 低碳", "水土流失" };
        for (String q : words) {
            mix.add(new Query("keywords: " + q, Map.of("q", List.of(q)), 0));
        }
        mix.add(new Query("county filter", Map.of("q", List.of("新能源"), "county", List.of("木垒哈萨克自治县")), 0));
        mix.add(new Query("two counties + industry", Map.of("q", List.of("项目"), "county", List.of("昌吉市", "奇台县"),
            "industry", List.of("装备制造")), 0));
        mix.add(new Query("date range", Map.of("q", List.of("科技"), "from", List.of("2020-01-01"), "to", List.of("2022-12-31")), 0));
        mix.add(new Query("author + newest", Map.of("author", List.of("王茜"), "sort", List.of("newest")), 0));
        mix.add(new Query("browse newest", Map.of("sort", List.of("newest")), 0));
        mix.add(new Query("oldest, type", Map.of("q", List.of("发展"), "type", List.of("commentary"), "sort", List.of("oldest")), 0));
        mix.add(new Query("deep page 100", Map.of("q", List.of("发展"), "page", List.of("100")), 0));
        mix.add(new Query("cursor walk, 5 pages", Map.of("q", List.of("昌吉州")), 5));
        return mix;
    }

    /** The queries of the mix a search by meaning takes: with words, in order of relevance, no cursor. */
    static List<Query> wordsMix() {
        return mix().stream().filter(q -> q.params().containsKey("q") && !q.params().containsKey("sort") && q.cursorPages() == 0)
            .toList();
    }

    Cell run(Way way, int concurrency, Duration duration) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long end = System.nanoTime() + duration.toNanos();
        List<Future<long[]>> workers = new ArrayList<>();
        long[] errors = new long[1];
        for (int t = 0; t < concurrency; t++) {
            int offset = t;
            workers.add(pool.submit(() -> {
                List<Long> latencies = new ArrayList<>();
                try (KeepAliveHttp http = new KeepAliveHttp()) {
                    for (int i = offset; System.nanoTime() < end; i++) {
                        try {
                            execute(way, mix.get(i % mix.size()), latencies, http);
                        } catch (Exception e) {
                            synchronized (errors) {
                                if (errors[0]++ == 0) {
                                    System.err.printf("[bench] %s at concurrency %d, %s: %s%n", way, concurrency,
                                        mix.get(i % mix.size()).label(), e);
                                }
                            }
                        }
                    }
                }
                return latencies.stream().mapToLong(Long::longValue).toArray();
            }));
        }
        // the CPU column of the process answering: the floor's in its cells, else the service's
        ProcessCpu front = way == Way.FLOOR ? floorCpu : serviceCpu;
        long start = System.nanoTime();
        double frontBefore = front.seconds();
        double elasticsearchBefore = elasticsearchCpu.seconds();
        List<long[]> all = new ArrayList<>();
        for (Future<long[]> worker : workers) {
            all.add(worker.get());
        }
        double seconds = Math.max(duration.toNanos(), System.nanoTime() - start) / 1e9;
        double frontUsed = front.seconds() - frontBefore;
        double elasticsearchUsed = elasticsearchCpu.seconds() - elasticsearchBefore;
        pool.shutdown();
        long[] merged = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return new Cell(way, concurrency, merged.length, errors[0], seconds, merged, frontUsed, elasticsearchUsed);
    }

    /** {@link #execute(Way, Query, List, KeepAliveHttp)} on connections of its own. */
    void execute(Way way, Query query, List<Long> latencies) throws Exception {
        try (KeepAliveHttp http = new KeepAliveHttp()) {
            execute(way, query, latencies, http);
        }
    }

    /**
     * Runs one query of the mix on this thread's connections; records each request's latency (a cursor walk is several
     * requests). A request that does not change between runs (all but the pages after a cursor walk's first) is
     * prepared once, so the load generator spends its time sending, not building.
     */
    void execute(Way way, Query query, List<Long> latencies, KeepAliveHttp http) throws Exception {
        if (way == Way.FLOOR && query.cursorPages() > 0) {
            return;
        }
        if (query.cursorPages() == 0) {
            KeepAliveHttp.Request request = prepared.computeIfAbsent(List.of(way, query), key -> prepare(way, query));
            long start = System.nanoTime();
            KeepAliveHttp.Answer answer = http.exchange(request).ok();
            latencies.add((System.nanoTime() - start) / 1000);
            if (way == Way.DIRECT && answer.hasErrorKey()) {
                throw new IllegalStateException("msearch item failed: " + answer.json());
            }
            return;
        }
        if (way == Way.SERVICE || way == Way.HYBRID) {
            String cursor = "*";
            for (int p = 0; p < query.cursorPages() && cursor != null; p++) {
                KeepAliveHttp.Request request = KeepAliveHttp.Request.get(serviceUrl(way, query) + "&cursor="
                    + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
                long start = System.nanoTime();
                KeepAliveHttp.Answer answer = http.exchange(request).ok();
                latencies.add((System.nanoTime() - start) / 1000);
                cursor = answer.json().path("nextCursor").asText(null);
            }
            return;
        }
        SearchParams params = params(query.params(), SearchParams.START_CURSOR);
        if (way == Way.PLAIN) {
            for (int p = 0; p < query.cursorPages(); p++) {
                int page = p;
                KeepAliveHttp.Request request = prepared.computeIfAbsent(List.of(way, query, page), key -> plain(query, params, page));
                long start = System.nanoTime();
                http.exchange(request).ok();
                latencies.add((System.nanoTime() - start) / 1000);
            }
            return;
        }
        SearchRequestBody body = SearchRequestBody.of(params, synonyms, Duration.ofSeconds(5));
        // a walk as the service makes it: its keep-alive, and the point in time closed only when the walk reaches the
        // last hit (a walk left after five full pages stays open until it expires, in both ways)
        long open = System.nanoTime();
        String pit = http.exchange(KeepAliveHttp.Request.of("POST", config.elasticsearch() + "/" + config.alias()
            + "/_pit?keep_alive=" + CURSOR_KEEP_ALIVE, null, null)).ok().json().get("id").asText();
        long openMicros = (System.nanoTime() - open) / 1000;
        JsonNode after = null;
        for (int p = 0; p < query.cursorPages(); p++) {
            // later pages of a walk carry no facets, as in the service (whose cursor then is no longer "*")
            SearchRequestBody page = p == 0 ? body : new SearchRequestBody(body.hits(), null);
            page.hits().putObject("pit").put("id", pit).put("keep_alive", CURSOR_KEEP_ALIVE);
            if (after != null) {
                page.hits().set("search_after", after);
            }
            KeepAliveHttp.Request request = msearch(page);
            long start = System.nanoTime();
            JsonNode answer = responses(http.exchange(request)).path(0);
            latencies.add((System.nanoTime() - start) / 1000 + (p == 0 ? openMicros : 0));
            pit = answer.path("pit_id").asText(pit);
            JsonNode hits = answer.at("/hits/hits");
            if (hits.size() < params.size()) {
                http.exchange(KeepAliveHttp.Request.of("DELETE", config.elasticsearch() + "/_pit", "application/json",
                    ("{\"id\":\"" + pit + "\"}").getBytes(StandardCharsets.UTF_8)));
                break;
            }
            after = hits.get(hits.size() - 1).get("sort");
        }
    }

    /** The one request of a query without a cursor walk, as the way sends it. */
    private KeepAliveHttp.Request prepare(Way way, Query query) {
        if (way == Way.SERVICE || way == Way.HYBRID) {
            return KeepAliveHttp.Request.get(serviceUrl(way, query));
        }
        if (way == Way.FLOOR) {
            return KeepAliveHttp.Request.get(config.floor() + searchPath(query.params()));
        }
        SearchParams params = params(query.params(), null);
        if (way == Way.PLAIN) {
            return plain(query, params, 0);
        }
        return msearch(directBody(params, synonyms));
    }

    /** The direct way's request of a query's page: the service's own hits and facets, the page asked for by from. */
    static SearchRequestBody directBody(SearchParams params, Synonyms synonyms) {
        SearchRequestBody body = SearchRequestBody.of(params, synonyms, Duration.ofSeconds(5));
        body.hits().put("from", (params.page() - 1) * params.size());
        return body;
    }

    /** The service's search URL path of a query's parameters. */
    static String searchPath(Map<String, List<String>> params) {
        return "/api/v1/articles/search?" + queryString(params);
    }

    private String serviceUrl(Way way, Query query) {
        return config.service() + searchPath(query.params()) + (way == Way.HYBRID ? "&mode=hybrid" : "");
    }

    private KeepAliveHttp.Request msearch(SearchRequestBody body) {
        return KeepAliveHttp.Request.of("POST", config.elasticsearch() + MSEARCH,
            "application/x-ndjson", body.msearch(config.alias()));
    }

    private static JsonNode responses(KeepAliveHttp.Answer answer) throws IOException {
        JsonNode responses = answer.ok().json().path("responses");
        for (JsonNode response : responses) {
            if (response.has("error")) {
                throw new IllegalStateException("msearch item failed: " + response.get("error"));
            }
        }
        return responses;
    }

    /**
     * The query a team without the service would send straight to Elasticsearch, as one _search: a multi_match of
     * the words over title^3 and body (excluded words in must_not), the facet filters as term filters, terms
     * aggregations on counties, industries and authors, a month date_histogram, a default body highlight, the whole
     * _source; sorts by date where asked; pages (and cursor walks) with from: {@code walked} pages after the asked one.
     */
    private KeepAliveHttp.Request plain(Query query, SearchParams params, int walked) {
        ObjectNode body = Http.JSON.createObjectNode();
        ObjectNode bool = body.putObject("query").putObject("bool");
        String words = String.join(" ", params.query().positiveTerms().stream().map(UserQuery.Term::text).toList());
        if (words.isEmpty()) {
            bool.putArray("must").addObject().putObject("match_all");
        } else {
            ObjectNode match = bool.putArray("must").addObject().putObject("multi_match").put("query", words);
            match.putArray("fields").add("title^3").add("body");
        }
        for (UserQuery.Term excluded : params.query().excluded()) {
            ObjectNode match = bool.withArray("must_not").addObject().putObject("multi_match").put("query", excluded.text());
            match.putArray("fields").add("title").add("body");
        }
        for (String[] filter : new String[][] { { "county", "counties" }, { "industry", "industries" },
            { "author", "authors" }, { "type", "type" } }) {
            List<String> values = query.params().getOrDefault(filter[0], List.of());
            if (!values.isEmpty()) {
                ArrayNode terms = bool.withArray("filter").addObject().putObject("terms").putArray(filter[1]);
                values.forEach(terms::add);
            }
        }
        if (params.from() != null || params.to() != null) {
            ObjectNode range = bool.withArray("filter").addObject().putObject("range").putObject("publishedOn");
            if (params.from() != null) {
                range.put("gte", params.from().toString());
            }
            if (params.to() != null) {
                range.put("lte", params.to().toString());
            }
        }
        if (params.sort() != SearchParams.Sort.RELEVANCE) {
            body.putArray("sort").addObject().put("publishedOn", params.sort() == SearchParams.Sort.OLDEST ? "asc" : "desc");
        }
        body.put("size", params.size());
        ObjectNode aggs = body.putObject("aggs");
        for (String[] facet : new String[][] { { "counties", "counties" }, { "industries", "industries" }, { "authors", "authors" } }) {
            aggs.putObject(facet[0]).putObject("terms").put("field", facet[1]);
        }
        aggs.putObject("month").putObject("date_histogram").put("field", "publishedOn").put("calendar_interval", "month");
        body.putObject("highlight").putObject("fields").putObject("body");
        body.put("from", (params.page() - 1 + walked) * params.size());
        return KeepAliveHttp.Request.of("POST", config.elasticsearch() + "/" + config.alias() + "/_search", "application/json",
            body.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The service's reading of a query of the mix; a cursor walk's first page has the cursor "*". */
    static SearchParams params(Map<String, List<String>> p, String cursor) {
        Map<Facet, List<String>> selected = new EnumMap<>(Facet.class);
        for (Facet facet : Facet.values()) {
            selected.put(facet, p.getOrDefault(facet.parameter(), List.of()));
        }
        return SearchParams.of(UserQuery.parse(first(p, "q")), selected, Parameters.date("from", first(p, "from")), Parameters.date("to", first(p, "to")),
            SearchParams.Sort.of(first(p, "sort")), Parameters.positiveInt("page", first(p, "page")),
            Parameters.positiveInt("size", first(p, "size")), cursor);
    }

    private static String first(Map<String, List<String>> p, String name) {
        List<String> values = p.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    static String queryString(Map<String, List<String>> p) {
        StringBuilder query = new StringBuilder();
        p.forEach((name, values) -> values.forEach(v -> query.append(query.length() == 0 ? "" : "&").append(name).append('=')
            .append(URLEncoder.encode(v, StandardCharsets.UTF_8))));
        return query.toString();
    }
}
