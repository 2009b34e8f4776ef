package cn.changji.archive.ingest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.UnaryOperator;

import org.jboss.logging.Logger;

import cn.changji.archive.failure.ArchiveException;
import cn.changji.archive.article.Article;
import cn.changji.archive.article.RejectedRecord;
import cn.changji.archive.config.IngestConfig;
import cn.changji.archive.index.ArticleIndexer;
import cn.changji.archive.observability.ArchiveMetrics;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * One import: a file's bytes to text, the text to articles by its format, the articles to the index. Shared by the
 * HTTP API and the command-line import so both behave the same. Articles of JSON and NDJSON files are read as they
 * are stated and completed ({@link ArticleEnricher#complete}: ids, tags) batch by batch as they are indexed, so
 * Elasticsearch indexes one batch while the service tags the next instead of waiting for the whole file; an NDJSON
 * file's lines are even read only as their batch is taken.
 */
@ApplicationScoped
public class ArticleImporter {
    private static final Logger LOG = Logger.getLogger(ArticleImporter.class);

    private final IngestConfig config;
    private final ArticleIndexer indexer;
    private final TextPageReader textReader;
    private final HtmlPageReader htmlReader;
    private final JsonArticleReader jsonReader;
    private final ArticleEnricher enricher;
    private final ArchiveMetrics metrics;

    ArticleImporter(IngestConfig config, ArticleIndexer indexer, TextPageReader textReader, HtmlPageReader htmlReader,
                    JsonArticleReader jsonReader, ArticleEnricher enricher, ArchiveMetrics metrics) {
        this.config = config;
        this.indexer = indexer;
        this.textReader = textReader;
        this.htmlReader = htmlReader;
        this.jsonReader = jsonReader;
        this.enricher = enricher;
        this.metrics = metrics;
    }

    /** A file to import: its name, its bytes, the charset its sender declared (may be null) and its format. */
    public record Upload(String fileName, byte[] bytes, String charset, ImportFormat format) {}

    /** The articles in a file, complete, and the records refused; refuses the whole file when nothing in it can be read. */
    public Extraction extract(Upload upload, TextPageReader.Stated stated) {
        Extraction read = read(upload, stated);
        return new Extraction(read.articles().stream().map(completion(upload.format())).toList(), read.rejected());
    }

    /** What is left to do to a read article: pages' readers complete theirs, JSON and NDJSON articles come as stated. */
    private UnaryOperator<Article> completion(ImportFormat format) {
        return format == ImportFormat.JSON || format == ImportFormat.NDJSON ? enricher::complete : UnaryOperator.identity();
    }

    /** As {@link #extract}, but JSON and NDJSON articles as stated, not yet completed. */
    private Extraction read(Upload upload, TextPageReader.Stated stated) {
        String text = decoded(upload);
        Extraction extraction = switch (upload.format()) {
            case TEXT -> Extraction.of(textReader.read(upload.fileName(), text, stated));
            case HTML -> Extraction.of(htmlReader.read(upload.fileName(), text, stated));
            case JSON -> jsonReader.readJson(upload.fileName(), text, stated);
            case NDJSON -> jsonReader.readNdjson(upload.fileName(), text, stated);
        };
        if (extraction.articles().isEmpty()) {
            throw nothingTaken(upload, extraction.rejected());
        }
        return extraction;
    }

    /** The file's text, once its size is within the limit. */
    private String decoded(Upload upload) {
        long limit = config.maxFileSize().asLongValue();
        if (upload.bytes().length > limit) {
            throw new ArchiveException(ArchiveException.Kind.TOO_LARGE, "The file '" + upload.fileName() + "' has " + upload.bytes().length
                + " bytes; an import takes at most " + limit + " (archive.ingest.max-file-size). Split it.");
        }
        return PageDecoder.decode(upload.fileName(), upload.bytes(), upload.charset(), upload.format());
    }

    private static ArchiveException nothingTaken(Upload upload, List<RejectedRecord> rejected) {
        if (!rejected.isEmpty()) {
            return new ArchiveException(ArchiveException.Kind.UNPROCESSABLE, "No article of '" + upload.fileName() + "' could be taken: "
                + rejected.size() + " record(s) refused; see errors.", rejected);
        }
        return new ArchiveException(ArchiveException.Kind.UNPROCESSABLE, "No article found in '" + upload.fileName() + "' read as "
            + upload.format().label() + ": it has no title and body text outside banners, navigation and labels.");
    }

    public ImportReport importFile(Upload upload, TextPageReader.Stated stated) throws IOException {
        return importKeepingUnindexed(upload, stated).report();
    }

    /** The report of an import, and the articles Elasticsearch did not take, whole (for a dead-letter file). */
    public record Imported(ImportReport report, List<ArticleIndexer.Unindexed> unindexed) {}

    public Imported importKeepingUnindexed(Upload upload, TextPageReader.Stated stated) throws IOException {
        long start = System.nanoTime();
        if (upload.format() != ImportFormat.NDJSON) {
            Extraction read = read(upload, stated);
            return indexed(upload.fileName(), upload.format().label(), read.articles().iterator(), read.rejected(),
                completion(upload.format()), start);
        }
        // read line by line as it is indexed: Elasticsearch gets the first batch while the rest of the file is unread
        List<RejectedRecord> rejected = new ArrayList<>();
        Iterator<Article> articles = jsonReader.ndjsonArticles(upload.fileName(), decoded(upload), stated, rejected);
        if (!articles.hasNext()) {
            throw nothingTaken(upload, rejected);
        }
        return indexed(upload.fileName(), upload.format().label(), articles, rejected, completion(upload.format()), start);
    }

    /** Sends articles read before (a dead-letter file's) again, as they are. */
    public Imported replay(String fileName, List<Article> articles) throws IOException {
        return indexed(fileName, "dead-letter", articles.iterator(), List.of(), UnaryOperator.identity(), System.nanoTime());
    }

    /** Indexes the articles; {@code rejected} is read once they are all taken (a reader adds to it as it reads). */
    private Imported indexed(String fileName, String format, Iterator<Article> articles, List<RejectedRecord> rejected,
                             UnaryOperator<Article> completion, long start) throws IOException {
        ArticleIndexer.Outcome outcome = indexer.index(articles, completion);
        List<RejectedRecord> errors = new ArrayList<>(rejected);
        errors.addAll(outcome.failed());
        ImportReport report = new ImportReport(fileName, format, outcome.articles() + rejected.size(), outcome.indexed(),
            outcome.unchanged(), errors.size(), errors, (System.nanoTime() - start) / 1_000_000);
        metrics.imported(report.indexed(), report.unchanged(), report.failed());
        LOG.infof("Imported %s (%s): read %d, indexed %d, unchanged %d, failed %d in %d ms", report.file(), report.format(),
            report.read(), report.indexed(), report.unchanged(), report.failed(), report.tookMs());
        return new Imported(report, outcome.unindexed());
    }
}
