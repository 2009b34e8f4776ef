package cn.changji.archive.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.smile.SmileFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import cn.changji.archive.failure.ArchiveException;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;

class MsearchReadingTest {
    private static final ObjectMapper API = JsonMapper.builder().addModule(new JavaTimeModule()).build();

    private static final String HITS = """
        {"took":12,"timed_out":false,"pit_id":"pit-2","hits":{"hits":[
          {"_id":"a1","_score":7.5,"_source":{"type":"news","publishedOn":"2025-04-16","title":"木垒新能源",
            "authors":["刘辉","黄杰"],"counties":["木垒哈萨克自治县"],"industries":[],"organizations":"特变电工",
            "extra":{"ignored":[1,2]}},
           "highlight":{"body.exact":["<em>新能源</em><em>产业</em>\\n\\n联盟 "]},"sort":[7.5,1744761600000,"a1"]},
          {"_id":"a2","_score":null,"_source":{"body":"不在答案里"},"sort":[null,"a2"]}]}}""";

    private static final String FACETS = """
        {"took":30,"timed_out":false,"hits":{"total":{"value":27}},"aggregations":{
          "month":{"buckets":[{"key_as_string":"2025-04","doc_count":3},{"key_as_string":"2024-12","doc_count":1}]},
          "county":{"doc_count":9,"values":{"buckets":[{"key":"木垒哈萨克自治县","doc_count":3}]}},
          "total":{"doc_count":4},
          "type":{"buckets":[{"key":"news","doc_count":4}]}}}""";

    private static MsearchReading read(String... responses) {
        String answer = "{\"took\":40,\"responses\":[" + String.join(",", responses) + "]}";
        return MsearchReading.read(answer.getBytes(StandardCharsets.UTF_8), true);
    }

    @Test
    void writesTheHitsAndFacetsOfTheApiWhateverOrderElasticsearchAnswersIn() throws Exception {
        MsearchReading reading = read(HITS, FACETS);
        assertEquals(12, reading.hits().took());
        assertEquals("pit-2", reading.hits().pitId());
        assertEquals(2, reading.hits().hits());
        assertEquals("[null,\"a2\"]", reading.hits().lastSort().toString());
        assertEquals(4, reading.facets().total(), "the total aggregation counts under every filter");

        SearchAnswer answer = API.readValue(reading.answer(4, 30, 1, 10, "next").json(), SearchAnswer.class);
        assertEquals(4, answer.total());
        assertEquals("next", answer.nextCursor());
        SearchAnswer.Hit first = answer.hits().get(0);
        assertEquals(new SearchAnswer.Hit("a1", "木垒新能源", null, LocalDate.of(2025, 4, 16), List.of("刘辉", "黄杰"),
            List.of("木垒哈萨克自治县"), List.of(), List.of("特变电工"), "news", "<em>新能源产业</em> 联盟", 7.5), first);
        SearchAnswer.Hit second = answer.hits().get(1);
        assertEquals("a2", second.id());
        assertNull(second.title());
        assertEquals(List.of(), second.authors());
        assertEquals("", second.snippet(), "no highlight, no snippet");
        assertNull(second.score());

        SearchAnswer.Facets facets = answer.facets();
        assertEquals(List.of(new SearchAnswer.FacetValue("木垒哈萨克自治县", 3)), facets.county(), "read inside its filter");
        assertEquals(List.of(new SearchAnswer.FacetValue("2025-04", 3), new SearchAnswer.FacetValue("2024-12", 1)), facets.month());
        assertEquals(List.of(), facets.industry(), "a facet Elasticsearch left out is empty, not missing");
    }

    @Test
    void theAnswersPiecesAsOneBufferAreItsJson() {
        SearchAnswerJson answer = read(HITS, FACETS).answer(4, 30, 1, 10, "next");
        byte[] json = answer.json();
        assertEquals(new String(json, StandardCharsets.UTF_8), answer.buffer().toString(StandardCharsets.UTF_8));
        assertEquals('{', json[0]);
        assertEquals('}', json[json.length - 1]);
        assertEquals(4, answer.total());
        byte[] whole = "{\"total\":0}".getBytes(StandardCharsets.UTF_8);
        assertSame(whole, new SearchAnswerJson(whole, 0).json(), "an answer written in one array is not copied");
        assertEquals("{\"total\":0}", new SearchAnswerJson(whole, 0).buffer().toString(StandardCharsets.UTF_8));
    }

    @Test
    void readsHitsFromDocValuesAndKeepsTheSearchesAfterTheFacetsForTheCaller() throws Exception {
        String ranks = """
            {"took":3,"timed_out":false,"hits":{"hits":[
              {"_score":9.0,"fields":{"id":["w1"]}},
              {"_score":8.0,"fields":{"id":["w2"],"counties":["奇台县","吉木萨尔县"],"publishedOn":["2024-12-01"],"type":["news"]}}]}}""";
        String neighbours = """
            {"took":5,"timed_out":false,"hits":{"hits":[{"_score":0.9,"fields":{"id":["n1"]},"matched_queries":["words"]}]}}""";
        MsearchReading reading = read(ranks, FACETS, neighbours);

        assertEquals(List.of("w1", "w2"), reading.hitIds(), "an id read from its doc value where no stored field was");
        SearchAnswer answer = API.readValue(reading.answer(4, 30, 1, 10, null).json(), SearchAnswer.class);
        SearchAnswer.Hit second = answer.hits().get(1);
        assertEquals(List.of("奇台县", "吉木萨尔县"), second.counties());
        assertEquals(LocalDate.of(2024, 12, 1), second.publishedOn(), "a single value is the first of its doc values");
        assertEquals("news", second.type());
        assertEquals(List.of(new SearchAnswer.FacetValue("news", 4)), reading.facetCounts().type());
        assertEquals(answer.facets(), reading.facetCounts(), "the counts as records are those the answer's JSON holds");

        assertEquals(1, reading.further().size());
        ElasticsearchAnswers.Search near = API.readValue(reading.further().get(0).asParser(), ElasticsearchAnswers.Search.class);
        assertEquals("n1", near.hitList().get(0).articleId());
        assertEquals(List.of("words"), near.hitList().get(0).matchedQueries());
        assertTrue(read(ranks, FACETS).further().isEmpty(), "none when the _msearch had two searches");
    }

    @Test
    void readsElasticsearchsSmileAnswerIntoTheSameJsonAsItsTextAnswer() throws Exception {
        String text = "{\"took\":40,\"responses\":[" + HITS.replace("7.5", "15.742569") + "," + FACETS + "]}";
        // as Elasticsearch writes it: a score is a float
        ObjectMapper smile = new ObjectMapper(new SmileFactory());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonParser parser = API.createParser(text); JsonGenerator out = smile.createGenerator(bytes)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.VALUE_NUMBER_FLOAT && "_score".equals(parser.currentName())) {
                    out.writeNumber(parser.getFloatValue());
                } else {
                    out.copyCurrentEvent(parser);
                }
            }
        }
        byte[] answer = bytes.toByteArray();
        assertEquals(':', answer[0], "Smile's header");

        byte[] fromSmile = MsearchReading.read(answer, true).answer(4, 30, 1, 10, null).json();
        byte[] fromText = MsearchReading.read(text.getBytes(StandardCharsets.UTF_8), true).answer(4, 30, 1, 10, null).json();
        assertEquals(new String(fromText, StandardCharsets.UTF_8), new String(fromSmile, StandardCharsets.UTF_8));
        assertTrue(new String(fromSmile, StandardCharsets.UTF_8).contains("\"score\":15.742569}"),
            "a float score keeps its digits: " + new String(fromSmile, StandardCharsets.UTF_8));
    }

    @Test
    void readsAnAnswerThatCameInChunksAsTheSameAnswerInOneArray() {
        String text = "{\"took\":40,\"responses\":[" + HITS + "," + FACETS + "]}";
        byte[] whole = text.getBytes(StandardCharsets.UTF_8);
        int cut = whole.length / 3;
        Buffer chunks = Buffer.buffer(Unpooled.wrappedBuffer(Unpooled.wrappedBuffer(whole, 0, cut),
            Unpooled.wrappedBuffer(whole, cut, whole.length - cut)));

        byte[] fromChunks = MsearchReading.read(chunks, true).answer(4, 30, 1, 10, null).json();
        byte[] fromArray = MsearchReading.read(whole, true).answer(4, 30, 1, 10, null).json();
        assertEquals(new String(fromArray, StandardCharsets.UTF_8), new String(fromChunks, StandardCharsets.UTF_8));
    }

    @Test
    void withoutAFacetFilterTheTotalIsTheHitsTotal() {
        String facets = "{\"took\":1,\"timed_out\":false,\"hits\":{\"total\":{\"value\":27}},\"aggregations\":{}}";
        assertEquals(27, read(HITS, facets).facets().total());
    }

    @Test
    void noHitsMeansEveryFacetEmptyEvenWhenElasticsearchLeavesTheAggregationsOut() throws Exception {
        // filter_path drops aggregations whose buckets are all empty, and then the aggregations object itself
        String noHits = "{\"took\":0,\"timed_out\":false,\"hits\":{\"hits\":[]}}";
        String noCounts = "{\"took\":3,\"timed_out\":false,\"hits\":{\"total\":{\"value\":0}}}";
        SearchAnswer answer = API.readValue(read(noHits, noCounts).answer(0, 3, 1, 10, null).json(), SearchAnswer.class);
        assertEquals(List.of(), answer.hits());
        assertEquals(new SearchAnswer.Facets(List.of(), List.of(), List.of(), List.of(), List.of(), List.of()), answer.facets());
    }

    @Test
    void theLaterPagesOfAWalkHaveNoFacets() throws Exception {
        MsearchReading reading = read(HITS);
        assertNull(reading.facets());
        SearchAnswer answer = API.readValue(reading.answer(99, 12, 1, 2, null).json(), SearchAnswer.class);
        assertNull(answer.facets());
        assertNull(answer.nextCursor());
        assertEquals(2, answer.hits().size());
    }

    @Test
    void errorsAndTimeoutsAreKeptForTheServiceToDecide() {
        MsearchReading reading = read("{\"error\":{\"type\":\"search_context_missing_exception\",\"reason\":\"gone\"},\"status\":404}",
            "{\"took\":5,\"timed_out\":true,\"hits\":{\"total\":{\"value\":0}}}");
        assertEquals(404, reading.hits().status());
        assertEquals("search_context_missing_exception", reading.hits().error().path("type").asText());
        assertEquals(0, reading.hits().hits());
        assertTrue(reading.facets().timedOut());
        assertFalse(reading.hits().timedOut());
    }

    @Test
    void anAnswerThatIsNotJsonIsReportedAsSuch() {
        ArchiveException failure = assertThrows(ArchiveException.class,
            () -> MsearchReading.read("<html>proxy error</html>".getBytes(StandardCharsets.UTF_8), true));
        assertEquals(ArchiveException.Kind.UNAVAILABLE, failure.kind(), "a 503: the cluster's side, not the user's");
        assertTrue(failure.getMessage().contains("not the JSON expected"), failure.getMessage());
    }
}
