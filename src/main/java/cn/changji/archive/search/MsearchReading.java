package cn.changji.archive.search;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.util.TokenBuffer;

import cn.changji.archive.failure.ArchiveException;
import cn.changji.archive.index.ElasticsearchHttp;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;

/**
 * Elasticsearch's _msearch answer to a search read in one pass, its hits and facet counts written as they are read
 * into the JSON of {@link SearchAnswer}: no records or trees in between, and nothing written twice (binding the answer
 * and serializing ours again had cost the service about 0.35 ms of CPU per search). What the service decides on
 * (errors, timeouts, totals, the point in time, the last hit's sort values) is kept in a {@link Response}. A hit's
 * fields come from its _source or, for rankings that read no stored field, its doc values ({@code fields}). Searches
 * after the facets' are kept as read, for the caller to bind ({@link #further()}).
 */
final class MsearchReading {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    // the answer's field names, encoded once
    private static final SerializedString ID = new SerializedString("id");
    private static final SerializedString TITLE = new SerializedString("title");
    private static final SerializedString SUBTITLE = new SerializedString("subtitle");
    private static final SerializedString PUBLISHED_ON = new SerializedString("publishedOn");
    private static final SerializedString AUTHORS = new SerializedString("authors");
    private static final SerializedString COUNTIES = new SerializedString("counties");
    private static final SerializedString INDUSTRIES = new SerializedString("industries");
    private static final SerializedString ORGANIZATIONS = new SerializedString("organizations");
    private static final SerializedString TYPE = new SerializedString("type");
    private static final SerializedString SNIPPET = new SerializedString("snippet");
    private static final SerializedString SCORE = new SerializedString("score");
    private static final SerializedString VALUE = new SerializedString("value");
    private static final SerializedString COUNT = new SerializedString("count");

    /**
     * What one search of the _msearch answered besides its hits and counts: an error and its status instead, whether
     * it timed out, its time, the point in time it read, the total of its hits and, of its hits, how many and the
     * last one's sort values.
     */
    record Response(JsonNode error, int status, boolean timedOut, long took, String pitId, long hitsTotal,
                    Long filteredTotal, int hits, ArrayNode lastSort) {
        static final Response NONE = new Response(null, 0, false, 0, null, 0, null, 0, null);

        /** The hits under every filter: the total aggregation's count when a facet is selected, else the hits' total. */
        long total() {
            return filteredTotal != null ? filteredTotal : hitsTotal;
        }
    }

    private final boolean scored;
    /** The hits' array, then the facets' object: written by one generator, so its buffers come from the recycler. */
    private final Written json;
    /** Where the hits end and the facets begin in {@link #json}. */
    private int hitsEnd;
    private final List<String> hitIds = new ArrayList<>();
    private final List<TokenBuffer> further = new ArrayList<>();
    private Response hits = Response.NONE;
    private Response facets;

    private MsearchReading(boolean scored, int answerLength) {
        this.scored = scored;
        // our JSON of a Smile answer is about 1.6 times its length: written without growing
        this.json = new Written(Math.max(4096, answerLength * 7 / 4));
    }

    /**
     * Reads the answer as it arrived, without copying it out of its buffer first: its one array, or its chunks read
     * one after the other (never joined into one array).
     */
    static MsearchReading read(Buffer answer, boolean scored) {
        return read(answer.getByteBuf(), scored);
    }

    /** Reads the answer; {@code scored}: the hits carry their score (by relevance), else null. */
    static MsearchReading read(byte[] answer, boolean scored) {
        return read(Unpooled.wrappedBuffer(answer), scored);
    }

    private static MsearchReading read(ByteBuf answer, boolean scored) {
        int length = answer.readableBytes();
        MsearchReading reading = new MsearchReading(scored, length);
        ObjectMapper reader = isSmile(answer) ? ElasticsearchHttp.SMILE_READER : MAPPER;
        try (JsonParser parser = answer.hasArray()
                ? reader.createParser(answer.array(), answer.arrayOffset() + answer.readerIndex(), length)
                : reader.createParser((InputStream) new ByteBufInputStream(answer));
             JsonGenerator out = MAPPER.createGenerator(reading.json).setRootValueSeparator(null)) {
            reading.responses(parser, out);
        } catch (IOException e) {
            // something between the service and Elasticsearch answered, or an answer cut short: not the user's fault
            throw new ArchiveException(ArchiveException.Kind.UNAVAILABLE, "Elasticsearch's answer to the search is not "
                + "the JSON expected (" + e.getMessage().lines().findFirst().orElse("") + "); retry shortly.");
        }
        return reading;
    }

    /** Smile's header, ":)\n"; anything else is read as JSON (an Elasticsearch, or a proxy, that ignored the Accept header). */
    private static boolean isSmile(ByteBuf answer) {
        int at = answer.readerIndex();
        return answer.readableBytes() >= 3 && answer.getByte(at) == ':' && answer.getByte(at + 1) == ')'
            && answer.getByte(at + 2) == '\n';
    }

    Response hits() {
        return hits;
    }

    /** The facets' search, or null when the _msearch had none (the later pages of a cursor walk). */
    Response facets() {
        return facets;
    }

    /** The ids of the hits, in their order. */
    List<String> hitIds() {
        return hitIds;
    }

    /**
     * The facet counts as records, read back from the JSON written, for an answer that adds to them (hybrid search's);
     * null when there were none.
     */
    SearchAnswer.Facets facetCounts() {
        if (facets == null) {
            return null;
        }
        try {
            return MAPPER.readValue(json.bytes(), hitsEnd, json.size() - hitsEnd, SearchAnswer.Facets.class);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the facet counts the service wrote: " + e.getMessage(), e);
        }
    }

    /** The searches of the _msearch after the facets', each answer as it was read. */
    List<TokenBuffer> further() {
        return further;
    }

    /**
     * The answer of the API: the hits and facet counts as read, with what the service decided, in the pieces they
     * were written in (nothing copied here: the search route hands the pieces to the socket as they are).
     */
    SearchAnswerJson answer(long total, long took, int page, int size, String nextCursor) {
        byte[] head = ascii("{\"total\":" + total + ",\"tookMs\":" + took + ",\"page\":" + page + ",\"size\":" + size
            + ",\"hits\":");
        byte[] middle = ascii(facets == null ? ",\"facets\":null" : ",\"facets\":");
        // a cursor is base64url: nothing in it needs escaping
        byte[] tail = ascii(",\"nextCursor\":" + (nextCursor == null ? "null" : "\"" + nextCursor + "\"") + "}");
        // after the hits, only the facets' object was written, if there was one
        byte[] written = json.bytes();
        return new SearchAnswerJson(Unpooled.wrappedBuffer(Unpooled.wrappedBuffer(head),
            Unpooled.wrappedBuffer(written, 0, hitsEnd), Unpooled.wrappedBuffer(middle),
            Unpooled.wrappedBuffer(written, hitsEnd, json.size() - hitsEnd), Unpooled.wrappedBuffer(tail)), total);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Bytes written in memory, that can be copied out without a copy of them first. */
    private static final class Written extends ByteArrayOutputStream {
        Written(int size) {
            super(size);
        }

        /** The array written to, valid up to {@link #size()}. */
        byte[] bytes() {
            return buf;
        }
    }

    /** Writes the hits' array to {@code out} (empty without a first search), then the facets' object if there is one. */
    private void responses(JsonParser parser, JsonGenerator out) throws IOException {
        out.writeStartArray();
        expect(parser.nextToken(), JsonToken.START_OBJECT);
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            if (parser.nextToken() == JsonToken.START_ARRAY && name.equals("responses") && hitsEnd == 0) {
                if (parser.nextToken() == JsonToken.START_OBJECT) {
                    hits = response(parser, out, null);
                }
                endHits(out);
                if (parser.currentToken() == JsonToken.END_OBJECT && parser.nextToken() == JsonToken.START_OBJECT) {
                    facets = response(parser, null, out);
                    parser.nextToken();
                }
                while (parser.currentToken() == JsonToken.START_OBJECT) {
                    TokenBuffer answer = new TokenBuffer(parser);
                    answer.copyCurrentStructure(parser);
                    further.add(answer);
                    parser.nextToken();
                }
                while (parser.currentToken() != JsonToken.END_ARRAY) {
                    parser.skipChildren();
                    parser.nextToken();
                }
            } else {
                parser.skipChildren();
            }
        }
        if (hitsEnd == 0) {
            endHits(out);
        }
    }

    private void endHits(JsonGenerator out) throws IOException {
        out.writeEndArray();
        out.flush();
        hitsEnd = json.size();
    }

    /** One search's answer: its hits written to {@code hitsOut}, or its counts to {@code facetsOut}. */
    private Response response(JsonParser parser, JsonGenerator hitsOut, JsonGenerator facetsOut) throws IOException {
        JsonNode error = null;
        int status = 0;
        boolean timedOut = false;
        long took = 0;
        String pitId = null;
        Hits found = new Hits();
        Long filteredTotal = null;
        FacetsWriter counts = facetsOut == null ? null : new FacetsWriter(facetsOut);
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            switch (name) {
                case "took" -> took = parser.getValueAsLong();
                case "timed_out" -> timedOut = parser.getValueAsBoolean();
                case "status" -> status = parser.getValueAsInt();
                case "pit_id" -> pitId = parser.getValueAsString();
                case "error" -> error = MAPPER.readTree(parser);
                case "hits" -> found = hits(parser, hitsOut);
                case "aggregations" -> {
                    if (counts != null) {
                        filteredTotal = counts.aggregations(parser);
                    } else {
                        parser.skipChildren();
                    }
                }
                default -> parser.skipChildren();
            }
        }
        if (counts != null) {
            counts.finish();
            facetsOut.flush();
        }
        return new Response(error, status, timedOut, took, pitId, found.total, filteredTotal, found.count, found.lastSort);
    }

    private static final class Hits {
        long total;
        int count;
        ArrayNode lastSort;
    }

    private Hits hits(JsonParser parser, JsonGenerator out) throws IOException {
        Hits found = new Hits();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (name.equals("total") && value == JsonToken.START_OBJECT) {
                found.total = number(parser, "value");
            } else if (name.equals("hits") && value == JsonToken.START_ARRAY && out != null) {
                while (parser.nextToken() == JsonToken.START_OBJECT) {
                    found.lastSort = hit(parser, out);
                    found.count++;
                }
            } else {
                parser.skipChildren();
            }
        }
        return found;
    }

    /** One hit, written as a {@link SearchAnswer.Hit}; gives its sort values. */
    private ArrayNode hit(JsonParser parser, JsonGenerator out) throws IOException {
        String id = null;
        Number score = null;
        String snippet = "";
        ArrayNode sort = null;
        Source source = new Source();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (name) {
                case "_id" -> id = parser.getValueAsString();
                // a float in Smile: written as a float, it reads as the text of JSON's answer did
                case "_score" -> score = value == JsonToken.VALUE_NULL ? null : parser.getNumberValue();
                case "_source", "fields" -> source.read(parser);
                case "highlight" -> snippet = snippet(parser);
                case "sort" -> sort = (ArrayNode) MAPPER.readTree(parser);
                default -> parser.skipChildren();
            }
        }
        if (id == null) {
            id = source.id;
        }
        hitIds.add(id);
        out.writeStartObject();
        string(out, ID, id);
        string(out, TITLE, source.title);
        string(out, SUBTITLE, source.subtitle);
        string(out, PUBLISHED_ON, source.publishedOn);
        strings(out, AUTHORS, source.authors);
        strings(out, COUNTIES, source.counties);
        strings(out, INDUSTRIES, source.industries);
        strings(out, ORGANIZATIONS, source.organizations);
        string(out, TYPE, source.type);
        string(out, SNIPPET, snippet);
        out.writeFieldName(SCORE);
        if (scored && score instanceof Float single) {
            out.writeNumber(single);
        } else if (scored && score != null) {
            out.writeNumber(score.doubleValue());
        } else {
            out.writeNull();
        }
        out.writeEndObject();
        return sort;
    }

    private static void string(JsonGenerator out, SerializedString name, String value) throws IOException {
        out.writeFieldName(name);
        out.writeString(value);
    }

    private static void strings(JsonGenerator out, SerializedString name, List<String> values) throws IOException {
        out.writeFieldName(name);
        out.writeStartArray();
        if (values != null) {
            for (String value : values) {
                out.writeString(value);
            }
        }
        out.writeEndArray();
    }

    /**
     * The fields of a hit's _source it shows ({@link SearchRequestBody#HIT_FIELDS}), in whatever order they come, or
     * of its doc values, where every field is a list.
     */
    private static final class Source {
        String id;
        String title;
        String subtitle;
        String publishedOn;
        List<String> authors;
        List<String> counties;
        List<String> industries;
        List<String> organizations;
        String type;

        void read(JsonParser parser) throws IOException {
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                parser.skipChildren();
                return;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                switch (name) {
                    case "id" -> id = single(parser);
                    case "title" -> title = single(parser);
                    case "subtitle" -> subtitle = single(parser);
                    case "publishedOn" -> publishedOn = single(parser);
                    case "type" -> type = single(parser);
                    case "authors" -> authors = strings(parser);
                    case "counties" -> counties = strings(parser);
                    case "industries" -> industries = strings(parser);
                    case "organizations" -> organizations = strings(parser);
                    default -> parser.skipChildren();
                }
            }
        }

        /** One string, or the first of a list of them (a doc value). */
        private static String single(JsonParser parser) throws IOException {
            if (parser.currentToken() == JsonToken.START_ARRAY) {
                List<String> values = strings(parser);
                return values.isEmpty() ? null : values.get(0);
            }
            return parser.getValueAsString();
        }

        /** A list of strings, or one string where a single value was indexed bare. */
        private static List<String> strings(JsonParser parser) throws IOException {
            List<String> values = new ArrayList<>();
            if (parser.currentToken() == JsonToken.START_ARRAY) {
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    if (parser.currentToken() == JsonToken.VALUE_STRING) {
                        values.add(parser.getText());
                    } else {
                        parser.skipChildren();
                    }
                }
            } else if (parser.currentToken() == JsonToken.VALUE_STRING) {
                values.add(parser.getText());
            }
            return values;
        }
    }

    /** The first fragment of the first highlighted field that has one (see {@link #snippet(String)}); empty if none. */
    private static String snippet(JsonParser parser) throws IOException {
        String first = null;
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return "";
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            parser.nextToken();
            if (first == null && parser.currentToken() == JsonToken.START_ARRAY) {
                if (parser.nextToken() == JsonToken.VALUE_STRING) {
                    first = parser.getText();
                }
                while (parser.currentToken() != JsonToken.END_ARRAY) {
                    parser.skipChildren();
                    parser.nextToken();
                }
            } else {
                parser.skipChildren();
            }
        }
        return first == null ? "" : snippet(first);
    }

    /** A highlighted fragment as a snippet: adjacent matches as one, paragraph breaks as spaces. */
    static String snippet(String fragment) {
        return fragment.replace("</em><em>", "").replace("\n\n", " ").strip();
    }

    /**
     * The facets' object of the answer, each facet's buckets written as they are read: in the order Elasticsearch
     * answers them (that of the request, {@link Facet}'s), then every facet it left out, empty. With no hit the
     * filter_path leaves no aggregation at all: every facet is then empty.
     */
    private static final class FacetsWriter {
        private final JsonGenerator out;
        private final Set<Facet> written = EnumSet.noneOf(Facet.class);
        private boolean started;

        FacetsWriter(JsonGenerator out) {
            this.out = out;
        }

        /** Writes the facets of the aggregations; gives the count of the {@value SearchRequestBody#TOTAL} aggregation, null when there is none. */
        Long aggregations(JsonParser parser) throws IOException {
            start();
            Long total = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                Facet facet = Facet.byParameter(name);
                if (facet != null && written.add(facet)) {
                    out.writeArrayFieldStart(facet.parameter());
                    buckets(parser, facet == Facet.MONTH ? "key_as_string" : "key", out);
                    out.writeEndArray();
                } else if (name.equals(SearchRequestBody.TOTAL)) {
                    total = number(parser, "doc_count");
                } else {
                    parser.skipChildren();
                }
            }
            return total;
        }

        void finish() throws IOException {
            start();
            for (Facet facet : Facet.values()) {
                if (!written.contains(facet)) {
                    out.writeArrayFieldStart(facet.parameter());
                    out.writeEndArray();
                }
            }
            out.writeEndObject();
        }

        private void start() throws IOException {
            if (!started) {
                out.writeStartObject();
                started = true;
            }
        }
    }

    /** The buckets of a facet's aggregation, its own or those of the counts inside its filter aggregation, written as values and counts. */
    private static void buckets(JsonParser parser, String keyField, JsonGenerator out) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (name.equals("values") && value == JsonToken.START_OBJECT) {
                buckets(parser, keyField, out);
            } else if (name.equals("buckets") && value == JsonToken.START_ARRAY) {
                while (parser.nextToken() == JsonToken.START_OBJECT) {
                    String key = null;
                    long count = 0;
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String field = parser.currentName();
                        parser.nextToken();
                        if (field.equals(keyField)) {
                            key = parser.getValueAsString();
                        } else if (field.equals("doc_count")) {
                            count = parser.getValueAsLong();
                        } else {
                            parser.skipChildren();
                        }
                    }
                    out.writeStartObject();
                    string(out, VALUE, key);
                    out.writeFieldName(COUNT);
                    out.writeNumber(count);
                    out.writeEndObject();
                }
            } else {
                parser.skipChildren();
            }
        }
    }

    /** The number under {@code field} in the object the parser is in (0 when it has none); the rest is skipped. */
    private static long number(JsonParser parser, String field) throws IOException {
        long number = 0;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            if (name.equals(field)) {
                number = parser.getValueAsLong();
            } else {
                parser.skipChildren();
            }
        }
        return number;
    }

    private static void expect(JsonToken actual, JsonToken expected) throws IOException {
        if (actual != expected) {
            throw new IOException("expected " + expected + ", found " + actual);
        }
    }
}
