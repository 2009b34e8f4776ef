package cn.changji.archive.ingest;

import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.changji.archive.article.Article;
import cn.changji.archive.article.ArticleSource;
import cn.changji.archive.article.Byline;
import cn.changji.archive.article.RejectedRecord;

/**
 * Structured articles: a JSON array of articles, one article, {"articles": [...]} (what a dry run returns), or NDJSON
 * with one article per line. Every record is checked against the article model; a bad record is refused with its
 * line, field and reason, and the good ones of the same file are kept. Articles come out as stated: what a record
 * leaves out (id, authors, type, counties, industries, organizations) is filled in by {@link ArticleEnricher#complete}
 * as for a page, which the importer does batch by batch while it indexes.
 */
public final class JsonArticleReader {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_\\-]{1,128}");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Set<String> FIELDS = Set.of("id", "title", "subtitle", "kicker", "column", "body", "publishedOn",
        "issueNumber", "page", "bylines", "authors", "counties", "industries", "organizations", "type", "source");
    private static final Set<String> ROLES = Set.of(Byline.REPORTER, Byline.CORRESPONDENT, Byline.PHOTOGRAPHER,
        Byline.COMMENTATOR);

    private final ObjectMapper mapper;
    private final Set<String> countyNames;
    private final Set<String> industryNames;

    public JsonArticleReader(ObjectMapper mapper, ArticleEnricher enricher) {
        this.mapper = mapper;
        this.countyNames = Set.copyOf(enricher.counties().counties());
        this.industryNames = Set.copyOf(enricher.industries().industries());
    }

    /** NDJSON: one article per line; blank lines are skipped; a broken line is refused alone. */
    public Extraction readNdjson(String fileName, String text, TextPageReader.Stated stated) {
        List<Article> articles = new ArrayList<>();
        List<RejectedRecord> rejected = new ArrayList<>();
        ndjsonArticles(fileName, text, stated, rejected).forEachRemaining(articles::add);
        return new Extraction(articles, rejected);
    }

    /**
     * {@link #readNdjson}'s articles, each line read only when the next article is asked for; the lines refused on the
     * way are added to {@code rejected}. An import indexes the first articles while the rest are still unread.
     */
    public Iterator<Article> ndjsonArticles(String fileName, String text, TextPageReader.Stated stated,
                                            List<RejectedRecord> rejected) {
        return new NdjsonLines(fileName, text, stated, rejected);
    }

    private final class NdjsonLines implements Iterator<Article> {
        private final String fileName;
        private final String text;
        private final TextPageReader.Stated stated;
        private final List<RejectedRecord> rejected;
        /** The article read and not yet taken: none, or one. */
        private final List<Article> read = new ArrayList<>(1);
        private int start;
        private int position;
        private int lineNumber;

        NdjsonLines(String fileName, String text, TextPageReader.Stated stated, List<RejectedRecord> rejected) {
            this.fileName = fileName;
            this.text = text;
            this.stated = stated;
            this.rejected = rejected;
        }

        @Override
        public boolean hasNext() {
            while (read.isEmpty() && start <= text.length()) {
                readLine();
            }
            return !read.isEmpty();
        }

        @Override
        public Article next() {
            if (!hasNext()) {
                throw new NoSuchElementException("no article left in " + fileName);
            }
            return read.remove(0);
        }

        private void readLine() {
            int end = text.indexOf('\n', start);
            end = end < 0 ? text.length() : end;
            String line = text.substring(start, end > start && text.charAt(end - 1) == '\r' ? end - 1 : end);
            start = end + 1;
            lineNumber++;
            if (line.isBlank()) {
                return;
            }
            position++;
            try {
                JsonNode node = mapper.readTree(line);
                record(node, new Where(fileName, "ndjson", position, lineNumber), stated, read, rejected);
            } catch (JsonProcessingException e) {
                rejected.add(syntaxError(fileName, position, lineNumber, e));
            }
        }
    }

    /** JSON: an array of articles, one article, or {"articles": [...]}. Records before a syntax error are kept. */
    public Extraction readJson(String fileName, String text, TextPageReader.Stated stated) {
        List<Article> articles = new ArrayList<>();
        List<RejectedRecord> rejected = new ArrayList<>();
        int[] position = {0};
        try (JsonParser parser = mapper.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                rejected.add(new RejectedRecord(fileName, null, 1, 1, null, "no JSON in the file", null));
            } else if (first == JsonToken.START_OBJECT) {
                if (parser.nextToken() == JsonToken.FIELD_NAME && "articles".equals(parser.currentName())
                    && parser.nextToken() == JsonToken.START_ARRAY) {
                    // the dry-run answer sent back after review: read its array where it stands in the file
                    readArray(parser, fileName, stated, articles, rejected, position);
                } else {
                    readSingle(fileName, text, stated, articles, rejected);
                }
            } else if (first == JsonToken.START_ARRAY) {
                readArray(parser, fileName, stated, articles, rejected, position);
            } else {
                JsonLocation at = parser.currentTokenLocation();
                rejected.add(new RejectedRecord(fileName, null, (int) at.getLineNr(), (int) at.getColumnNr(), null,
                    "expected an array of articles or one article object, found " + first.asString(), null));
            }
        } catch (JsonProcessingException e) {
            RejectedRecord broken = syntaxError(fileName, position[0] == 0 ? null : position[0], null, e);
            rejected.add(new RejectedRecord(broken.file(), broken.position(), broken.line(), broken.column(), null,
                broken.reason() + "; nothing after this point was read", null));
        } catch (IOException e) {
            throw new IllegalStateException("reading a string cannot fail", e);
        }
        return new Extraction(articles, rejected);
    }

    /** The records of an array whose opening bracket the parser stands on; {@code position} counts them. */
    private void readArray(JsonParser parser, String fileName, TextPageReader.Stated stated, List<Article> articles,
                           List<RejectedRecord> rejected, int[] position) throws IOException {
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY && token != null) {
            position[0]++;
            JsonLocation start = parser.currentTokenLocation();
            JsonNode node = mapper.readTree(parser);
            record(node, new Where(fileName, "json", position[0], (int) start.getLineNr()), stated, articles, rejected);
        }
    }

    private void readSingle(String fileName, String text, TextPageReader.Stated stated, List<Article> articles,
                            List<RejectedRecord> rejected) throws IOException {
        try (JsonParser parser = mapper.createParser(text)) {
            parser.nextToken();
            int line = (int) parser.currentTokenLocation().getLineNr();
            record(mapper.readTree(parser), new Where(fileName, "json", 1, line), stated, articles, rejected);
        }
    }

    private record Where(String file, String format, int position, int line) {
        RejectedRecord reject(String field, String reason) {
            return new RejectedRecord(file, position, line, null, field, reason, null);
        }
    }

    private void record(JsonNode node, Where where, TextPageReader.Stated stated, List<Article> articles,
                        List<RejectedRecord> rejected) {
        if (!node.isObject()) {
            rejected.add(where.reject(null, "expected an article object, found " + node.getNodeType().name().toLowerCase()));
            return;
        }
        List<RejectedRecord> problems = new ArrayList<>();
        Fields fields = new Fields(node, where, problems);
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                problems.add(where.reject(name, "unknown field; the article fields are " + String.join(", ", FIELDS.stream().sorted().toList())));
            }
        }
        String id = fields.text("id");
        if (id != null && !ID.matcher(id).matches()) {
            problems.add(where.reject("id", "must be 1 to 128 letters, digits, '-' or '_'"));
        }
        String title = fields.text("title");
        String body = fields.text("body");
        if ((title == null || title.isBlank()) && (body == null || body.isBlank())) {
            problems.add(where.reject("title", "an article needs a title or a body; this one has neither"));
        }
        LocalDate publishedOn = fields.date("publishedOn");
        Integer issueNumber = fields.positive("issueNumber");
        Integer page = fields.positive("page");
        List<Byline> bylines = fields.bylines();
        List<String> authors = fields.texts("authors", null);
        List<String> counties = fields.texts("counties", countyNames);
        List<String> industries = fields.texts("industries", industryNames);
        List<String> organizations = fields.texts("organizations", null);
        String type = fields.text("type");
        if (type != null && !Article.TYPES.contains(type)) {
            problems.add(where.reject("type", "must be one of " + String.join(", ", Article.TYPES) + ", got \"" + type + "\""));
        }
        if (!problems.isEmpty()) {
            rejected.addAll(problems);
            return;
        }
        Article given = new Article(id, blankToNull(title), blankToNull(fields.text("subtitle")),
            blankToNull(fields.text("kicker")), blankToNull(fields.text("column")), body == null ? null : body.strip(),
            publishedOn != null ? publishedOn : stated.publishedOn(),
            issueNumber != null ? issueNumber : stated.issueNumber(), page != null ? page : stated.page(),
            bylines, authors, counties, industries, organizations, type,
            new ArticleSource(where.file(), where.format(), where.position()));
        articles.add(given);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static RejectedRecord syntaxError(String file, Integer position, Integer line, JsonProcessingException e) {
        JsonLocation location = e.getLocation();
        String reason = "invalid JSON: " + e.getOriginalMessage();
        Integer column = location == null ? null : (int) location.getColumnNr();
        Integer at = line != null ? line : location == null ? null : (int) location.getLineNr();
        return new RejectedRecord(file, position, at, column, null, reason, null);
    }

    /** Typed access to a record's fields, noting every field that is not what the article model says. */
    private static final class Fields {
        private final JsonNode node;
        private final Where where;
        private final List<RejectedRecord> problems;

        Fields(JsonNode node, Where where, List<RejectedRecord> problems) {
            this.node = node;
            this.where = where;
            this.problems = problems;
        }

        private JsonNode present(String field) {
            JsonNode value = node.get(field);
            return value == null || value.isNull() ? null : value;
        }

        String text(String field) {
            JsonNode value = present(field);
            if (value == null) {
                return null;
            }
            if (!value.isTextual()) {
                problems.add(where.reject(field, "must be a string, got " + describe(value)));
                return null;
            }
            return ChineseText.withoutInvisibles(value.textValue());
        }

        LocalDate date(String field) {
            String text = text(field);
            if (text == null) {
                return null;
            }
            try {
                return LocalDate.parse(text);
            } catch (DateTimeParseException e) {
                problems.add(where.reject(field, "must be an ISO date (yyyy-MM-dd), got \"" + text + "\""));
                return null;
            }
        }

        Integer positive(String field) {
            JsonNode value = present(field);
            if (value == null) {
                return null;
            }
            if (!value.canConvertToInt() || !value.isIntegralNumber() || value.intValue() < 1) {
                problems.add(where.reject(field, "must be a positive whole number, got " + describe(value)));
                return null;
            }
            return value.intValue();
        }

        /** A list of strings, each one of the allowed values when there are any. */
        List<String> texts(String field, Set<String> allowed) {
            JsonNode value = present(field);
            if (value == null) {
                return null;
            }
            if (!value.isArray()) {
                problems.add(where.reject(field, "must be an array of strings, got " + describe(value)));
                return null;
            }
            List<String> texts = new ArrayList<>();
            for (int i = 0; i < value.size(); i++) {
                JsonNode item = value.get(i);
                String at = field + "[" + i + "]";
                if (!item.isTextual() || item.textValue().isBlank()) {
                    problems.add(where.reject(at, "must be a non-empty string, got " + describe(item)));
                } else if (allowed != null && !allowed.contains(item.textValue())) {
                    problems.add(where.reject(at, "\"" + item.textValue() + "\" is not one of "
                        + String.join(", ", allowed.stream().sorted().toList())));
                } else if (!texts.contains(item.textValue())) {
                    texts.add(item.textValue());
                }
            }
            return texts;
        }

        List<Byline> bylines() {
            JsonNode value = present("bylines");
            if (value == null) {
                return List.of();
            }
            if (!value.isArray()) {
                problems.add(where.reject("bylines", "must be an array of {name, role}, got " + describe(value)));
                return List.of();
            }
            List<Byline> bylines = new ArrayList<>();
            for (int i = 0; i < value.size(); i++) {
                JsonNode item = value.get(i);
                String at = "bylines[" + i + "]";
                if (!item.isObject()) {
                    problems.add(where.reject(at, "must be an object {name, role}, got " + describe(item)));
                    continue;
                }
                JsonNode name = item.get("name");
                JsonNode role = item.get("role");
                if (name == null || !name.isTextual() || name.textValue().isBlank()) {
                    problems.add(where.reject(at + ".name", "must be a non-empty string"));
                } else if (role == null || !role.isTextual() || !ROLES.contains(role.textValue())) {
                    problems.add(where.reject(at + ".role", "must be one of " + String.join(", ", ROLES.stream().sorted().toList())
                        + ", got " + (role == null ? "nothing" : describe(role))));
                } else if (item.size() > 2) {
                    problems.add(where.reject(at, "a byline has only the fields name and role"));
                } else {
                    bylines.add(new Byline(WHITESPACE.matcher(name.textValue()).replaceAll(""), role.textValue()));
                }
            }
            return bylines;
        }

        private static String describe(JsonNode value) {
            String text = value.toString();
            return value.getNodeType().name().toLowerCase() + " " + (text.length() > 40 ? text.substring(0, 40) + "…" : text);
        }
    }
}
