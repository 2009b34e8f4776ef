package cn.changji.archive.search;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cn.changji.archive.config.SearchConfig;
import cn.changji.archive.index.CircuitBreaker;
import cn.changji.archive.index.ElasticsearchJson;
import cn.changji.archive.index.IndexDefinition;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The archive as the paper printed it: which days have an issue (a year at a time), and one day's issue page by
 * page, each page's articles in the order they stand on it.
 */
@ApplicationScoped
public class IssueBrowser {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** More articles than any issue has: 8 pages of a dozen pieces. */
    private static final int MAX_ARTICLES_PER_DAY = 1000;

    private final ElasticsearchJson json;
    private final IndexDefinition definition;
    private final SearchConfig config;
    private final GuardedCalls calls;

    IssueBrowser(ElasticsearchJson json, IndexDefinition definition, SearchConfig config, CircuitBreaker breaker) {
        this.json = json;
        this.definition = definition;
        this.config = config;
        this.calls = new GuardedCalls(breaker);
    }

    /** The days of {@code year} that have articles, or of the newest year when it is null; every year with its count. */
    public IssueCalendar calendar(Integer year) throws IOException {
        ObjectNode body = JSON.objectNode().put("size", 0).put("timeout", config.timeout().toMillis() + "ms");
        ObjectNode aggs = body.putObject("aggs");
        ObjectNode years = aggs.putObject("years"); // every year, whatever the query: a global aggregation
        years.putObject("global");
        years.putObject("aggs").putObject("values").set("date_histogram", JSON.objectNode()
            .put("field", "publishedOn").put("calendar_interval", "year").put("format", "yyyy").put("min_doc_count", 1));
        if (year != null) {
            body.set("query", SearchQueries.wrap("range", JSON.objectNode().set("publishedOn", JSON.objectNode()
                .put("gte", LocalDate.of(year, 1, 1).toString()).put("lte", LocalDate.of(year, 12, 31).toString()))));
            ObjectNode days = aggs.putObject("days");
            days.set("date_histogram", JSON.objectNode().put("field", "publishedOn").put("calendar_interval", "day")
                .put("format", "yyyy-MM-dd").put("min_doc_count", 1));
            ObjectNode perDay = days.putObject("aggs");
            perDay.putObject("issueNumber").putObject("max").put("field", "issueNumber");
            perDay.putObject("pages").putObject("cardinality").put("field", "page");
        }
        Answer answer = send(body);
        List<IssueCalendar.Year> everyYear = new ArrayList<>();
        for (Bucket bucket : answer.buckets("years")) {
            everyYear.add(new IssueCalendar.Year(Integer.parseInt(bucket.keyAsString()), bucket.docCount()));
        }
        if (year == null) {
            Optional<Integer> newest = everyYear.stream().map(IssueCalendar.Year::year).max(Integer::compare);
            return newest.isPresent() ? calendar(newest.get()) : new IssueCalendar(null, everyYear, List.of());
        }
        List<IssueCalendar.Day> days = new ArrayList<>();
        for (Bucket bucket : answer.buckets("days")) {
            days.add(new IssueCalendar.Day(LocalDate.parse(bucket.keyAsString()), bucket.docCount(),
                bucket.issueNumber() == null || bucket.issueNumber().value() == null ? null : bucket.issueNumber().value().intValue(),
                bucket.pages() == null ? 0 : bucket.pages().value().intValue()));
        }
        return new IssueCalendar(year, everyYear, days);
    }

    /** The issue of one day, page by page, each page's articles in the order they stand on it; empty when none. */
    public Optional<IssueDay> day(LocalDate date) throws IOException {
        ObjectNode body = JSON.objectNode().put("size", MAX_ARTICLES_PER_DAY).put("timeout", config.timeout().toMillis() + "ms");
        body.set("query", SearchQueries.wrap("bool", JSON.objectNode().set("filter", JSON.arrayNode()
            .add(SearchQueries.wrap("term", JSON.objectNode().put("publishedOn", date.toString()))))));
        body.putArray("sort")
            .add(JSON.objectNode().set("page", JSON.objectNode().put("order", "asc").put("missing", "_last")))
            .add(JSON.objectNode().set("source.file", JSON.objectNode().put("order", "asc")))
            .add(JSON.objectNode().set("source.position", JSON.objectNode().put("order", "asc").put("missing", "_last")))
            .add(JSON.objectNode().set("id", JSON.objectNode().put("order", "asc")));
        body.putObject("_source").putArray("includes").add("id").add("title").add("type").add("authors").add("page")
            .add("issueNumber");
        Answer answer = send(body);
        List<Hit> hits = answer.hits() == null || answer.hits().hits() == null ? List.of() : answer.hits().hits();
        if (hits.isEmpty()) {
            return Optional.empty();
        }
        Map<Integer, List<IssueDay.Piece>> pages = new LinkedHashMap<>();
        Integer issueNumber = null;
        for (Hit hit : hits) {
            Source source = hit.source();
            pages.computeIfAbsent(source.page(), page -> new ArrayList<>()).add(new IssueDay.Piece(hit.id(), source.title(),
                source.type(), source.authors() == null ? List.of() : source.authors()));
            issueNumber = issueNumber != null ? issueNumber : source.issueNumber();
        }
        List<IssueDay.Page> inOrder = new ArrayList<>();
        pages.forEach((page, pieces) -> inOrder.add(new IssueDay.Page(page, pieces)));
        return Optional.of(new IssueDay(date, issueNumber, inOrder));
    }

    private Answer send(ObjectNode body) throws IOException {
        return calls.blocking(() -> json.send("POST", "/" + definition.alias() + "/_search", "application/json",
            body.toString().getBytes(StandardCharsets.UTF_8), config.timeout().plusSeconds(1), Answer.class));
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Answer(Hits hits, Map<String, Aggregation> aggregations) {
        List<Bucket> buckets(String name) {
            Aggregation aggregation = aggregations == null ? null : aggregations.get(name);
            if (aggregation != null && aggregation.values() != null) {
                aggregation = aggregation.values();
            }
            return aggregation == null || aggregation.buckets() == null ? List.of() : aggregation.buckets();
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Aggregation(List<Bucket> buckets, Aggregation values) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Bucket(@JsonProperty("key_as_string") String keyAsString, @JsonProperty("doc_count") long docCount,
                  Metric issueNumber, Metric pages) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Metric(Double value) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Hits(List<Hit> hits) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Hit(@JsonProperty("_id") String id, @JsonProperty("_source") Source source) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Source(String title, String type, List<String> authors, Integer page, Integer issueNumber) {}
}
