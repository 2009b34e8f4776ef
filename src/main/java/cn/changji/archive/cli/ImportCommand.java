package cn.changji.archive.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import cn.changji.archive.failure.ArchiveException;
import cn.changji.archive.failure.Parameters;
import cn.changji.archive.article.Article;
import cn.changji.archive.article.RejectedRecord;
import cn.changji.archive.config.ElasticsearchConfig;
import cn.changji.archive.index.ArticleIndexer;
import cn.changji.archive.index.ElasticsearchFailures;
import cn.changji.archive.ingest.ArticleImporter;
import cn.changji.archive.ingest.ImportFormat;
import cn.changji.archive.ingest.ImportReport;
import cn.changji.archive.ingest.TextPageReader;
import jakarta.enterprise.context.Dependent;

/**
 * {@code import [--published-on=yyyy-MM-dd] [--issue-number=N] [--page=N] [--dead-letter=FILE] <dir|file|glob>...}:
 * imports every .txt, .html, .json and .ndjson file found, with a progress line per file on stderr and the total
 * report as JSON on stdout. Articles Elasticsearch did not take even after the retries go to the dead-letter file
 * (default import-dead-letter.ndjson), which {@code import --replay=FILE} sends again. Asked to stop (SIGTERM), it
 * finishes the file under way and stops there. Exit status: 0 all imported, 1 some records or files failed, 2 usage
 * error, 4 stopped on request (the JVM reports 143 after a SIGTERM), 70 an internal error (a bug: retrying will not
 * help), 75 Elasticsearch unavailable (temporary: retry), 77 Elasticsearch refused the credentials or the role lacks
 * a privilege (an operator's fix). The values 70, 75 and 77 are sysexits' EX_SOFTWARE, EX_TEMPFAIL and EX_NOPERM;
 * 3 is left to the JVM, which exits with it on an OutOfMemoryError under -XX:+ExitOnOutOfMemoryError.
 * Imports are idempotent, so a failed or stopped run can simply be run again.
 */
@Dependent
public class ImportCommand {
    public static final int OK = 0;
    public static final int SOME_FAILED = 1;
    public static final int USAGE = 2;
    /** Not ours: the JVM's exit status on an OutOfMemoryError under -XX:+ExitOnOutOfMemoryError (the image sets it). */
    public static final int OUT_OF_MEMORY = 3;
    public static final int STOPPED = 4;
    public static final int INTERNAL_ERROR = 70;
    public static final int UNAVAILABLE = 75;
    public static final int REFUSED = 77;
    static final String DEFAULT_DEAD_LETTER = "import-dead-letter.ndjson";
    private static final String USAGE_LINE = "Usage: import [--published-on=yyyy-MM-dd] [--issue-number=N] [--page=N] "
        + "[--dead-letter=FILE] <dir|file|glob>...\n       import --replay=FILE";

    private final ArticleImporter importer;
    private final ElasticsearchConfig elasticsearch;
    private final ObjectMapper mapper;
    private final ImportShutdown shutdown;

    ImportCommand(ArticleImporter importer, ElasticsearchConfig elasticsearch, ObjectMapper mapper, ImportShutdown shutdown) {
        this.importer = importer;
        this.shutdown = shutdown;
        this.elasticsearch = elasticsearch;
        this.mapper = mapper.copy().enable(SerializationFeature.INDENT_OUTPUT);
    }

    public int run(String... args) {
        return run(System.out, System.err, args);
    }

    /** Runs the import; the report goes to {@code out}, progress and problems to {@code err}. */
    public int run(PrintStream out, PrintStream err, String... args) {
        shutdown.started();
        try {
            return runUntilDone(out, err, args);
        } catch (RuntimeException | StackOverflowError e) {
            java.util.Optional<String> refused = ElasticsearchFailures.accessRefusal(e);
            if (refused.isPresent()) {
                err.println("import: " + refused.get());
                return REFUSED;
            }
            err.println("import: internal error, not a problem of the files or of Elasticsearch: " + e);
            e.printStackTrace(err);
            return INTERNAL_ERROR;
        } finally {
            shutdown.finished();
        }
    }

    private int runUntilDone(PrintStream out, PrintStream err, String... args) {
        Options options;
        try {
            options = options(args);
        } catch (ArchiveException e) {
            err.println("import: " + e.getMessage());
            return USAGE;
        }
        if (options.replay() != null) {
            return replay(out, err, options.replay());
        }
        if (options.patterns().isEmpty()) {
            err.println(USAGE_LINE);
            return USAGE;
        }
        List<Path> files;
        try {
            files = files(options.patterns());
        } catch (java.nio.file.NoSuchFileException e) {
            err.println("import: no such file or directory: " + e.getMessage());
            return USAGE;
        } catch (IOException e) {
            err.println("import: cannot list " + options.patterns() + ": " + e.getMessage());
            return USAGE;
        }
        if (files.isEmpty()) {
            err.println("import: no .txt, .html, .json or .ndjson file matches " + options.patterns());
            return USAGE;
        }
        Progress progress = new Progress(err, files.size());
        ImportReport total = new ImportReport(null, null, 0, 0, 0, 0, List.of(), 0);
        List<ArticleIndexer.Unindexed> unindexed = new ArrayList<>();
        int exit = OK;
        String endedEarly = null;
        int done = 0;
        for (Path file : files) {
            if (shutdown.stopping()) {
                exit = STOPPED;
                endedEarly = String.format("import: stopped on request after %d of %d files; run the same import again "
                    + "for the rest (files already imported come out unchanged).%n", done, files.size());
                break;
            }
            ImportReport report;
            ArticleImporter.Upload upload = null;
            try {
                byte[] bytes = Files.readAllBytes(file);
                upload = new ArticleImporter.Upload(file.toString(), bytes, null,
                    ImportFormat.ofFileName(file.toString()).orElseThrow());
                ArticleImporter.Imported imported = importer.importKeepingUnindexed(upload, options.stated());
                report = imported.report();
                unindexed.addAll(imported.unindexed());
            } catch (ArchiveException e) {
                List<RejectedRecord> errors = e.errors() == null || e.errors().isEmpty()
                    ? List.of(RejectedRecord.at(file.toString(), null, e.getMessage()))
                    : e.errors().stream().map(RejectedRecord.class::cast).toList();
                report = failedFile(file, errors);
            } catch (java.nio.file.FileSystemException e) {
                report = failedFile(file, List.of(RejectedRecord.at(file.toString(), null, "cannot read the file: " + e.getMessage())));
            } catch (IOException | RuntimeException e) {
                java.util.Optional<String> refused = ElasticsearchFailures.accessRefusal(e);
                if (refused.isPresent()) {
                    exit = REFUSED;
                    endedEarly = String.format("import: %s %d of %d files imported.%n", refused.get(), done, files.size());
                    break;
                }
                rethrowUnlessUnavailable(e);
                // the articles of the file under way are kept; the files after it were not read
                String reason = "Elasticsearch unavailable: " + ElasticsearchFailures.describe(e);
                if (upload != null) {
                    importer.extract(upload, options.stated()).articles()
                        .forEach(article -> unindexed.add(new ArticleIndexer.Unindexed(article, reason)));
                }
                exit = UNAVAILABLE;
                endedEarly = String.format("import: Elasticsearch at %s is unavailable (%s); %d of %d files imported. "
                    + "Run the import again when it is back: files already imported are left unchanged.%n",
                    elasticsearch.hosts(), ElasticsearchFailures.describe(e), done, files.size());
                break;
            }
            total = total.plus(report);
            progress.step(file, report);
            done++;
        }
        progress.finish();
        if (endedEarly != null) {
            err.print(endedEarly);
        }
        keep(err, options.deadLetter(), unindexed);
        print(out, err, total);
        return exit != OK ? exit : total.failed() == 0 ? OK : SOME_FAILED;
    }

    /** Sends a dead-letter file's articles again; what still fails is written back to it, and it goes when empty. */
    private int replay(PrintStream out, PrintStream err, Path deadLetter) {
        try {
            List<Article> articles = DeadLetterFile.read(deadLetter, mapper);
            ArticleImporter.Imported imported = importer.replay(deadLetter.toString(), articles);
            DeadLetterFile.write(deadLetter, imported.unindexed(), mapper);
            err.printf("import: replayed %d article(s) of %s: %d indexed, %d unchanged, %d still failing%s%n",
                articles.size(), deadLetter, imported.report().indexed(), imported.report().unchanged(),
                imported.unindexed().size(), imported.unindexed().isEmpty() ? "; the file is removed" : ", kept in it");
            print(out, err, imported.report());
            return imported.unindexed().isEmpty() ? OK : SOME_FAILED;
        } catch (ArchiveException e) {
            err.println("import: " + e.getMessage());
            return USAGE;
        } catch (java.nio.file.NoSuchFileException e) {
            err.println("import: no such dead-letter file: " + deadLetter);
            return USAGE;
        } catch (IOException | RuntimeException e) {
            rethrowUnlessUnavailable(e);
            err.printf("import: Elasticsearch at %s is unavailable (%s); %s is left as it was.%n",
                elasticsearch.hosts(), ElasticsearchFailures.describe(e), deadLetter);
            return UNAVAILABLE;
        }
    }

    /** Only Elasticsearch being unavailable is an outcome of an import; anything else is a bug, surfaced as it is. */
    private static void rethrowUnlessUnavailable(Exception e) {
        if (!ElasticsearchFailures.isUnavailable(e)) {
            throw e instanceof RuntimeException runtime ? runtime : new java.io.UncheckedIOException((IOException) e);
        }
    }

    /** Writes the articles Elasticsearch did not take to the dead-letter file, and says so. */
    private void keep(PrintStream err, Path deadLetter, List<ArticleIndexer.Unindexed> unindexed) {
        if (unindexed.isEmpty()) {
            return;
        }
        try {
            DeadLetterFile.write(deadLetter, unindexed, mapper);
            err.printf("import: %d article(s) could not be indexed; they are in %s. Once Elasticsearch is well, run: "
                + "import --replay=%s%n", unindexed.size(), deadLetter, deadLetter);
        } catch (IOException e) {
            err.printf("import: %d article(s) could not be indexed, and the dead-letter file %s cannot be written (%s): "
                + "run the same import again.%n", unindexed.size(), deadLetter, e.getMessage());
        }
    }

    private static ImportReport failedFile(Path file, List<RejectedRecord> errors) {
        return new ImportReport(file.toString(), null, errors.size(), 0, 0, errors.size(), errors, 0);
    }

    private void print(PrintStream out, PrintStream err, ImportReport total) {
        try {
            out.println(mapper.writeValueAsString(total));
        } catch (IOException e) {
            err.println("import: cannot write the report: " + e.getMessage());
        }
    }

    private record Options(TextPageReader.Stated stated, Path deadLetter, Path replay, List<String> patterns) {}

    private static Options options(String[] args) {
        String publishedOn = null;
        String issue = null;
        String page = null;
        Path deadLetter = Path.of(DEFAULT_DEAD_LETTER);
        Path replay = null;
        List<String> patterns = new ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith("--published-on=")) {
                publishedOn = arg.substring("--published-on=".length());
            } else if (arg.startsWith("--issue-number=")) {
                issue = arg.substring("--issue-number=".length());
            } else if (arg.startsWith("--page=")) {
                page = arg.substring("--page=".length());
            } else if (arg.startsWith("--dead-letter=")) {
                deadLetter = Path.of(arg.substring("--dead-letter=".length()));
            } else if (arg.startsWith("--replay=")) {
                replay = Path.of(arg.substring("--replay=".length()));
            } else if (arg.startsWith("--")) {
                throw ArchiveException.invalid("unknown option " + arg);
            } else {
                patterns.add(arg);
            }
        }
        if (replay != null && !patterns.isEmpty()) {
            throw ArchiveException.invalid("--replay takes no files: the dead-letter file holds the articles");
        }
        return new Options(new TextPageReader.Stated(Parameters.date("--published-on", publishedOn),
            Parameters.positiveInt("--issue-number", issue),
            Parameters.positiveInt("--page", page)), deadLetter, replay, patterns);
    }

    /** Files named, files under directories named, and files matching globs such as archive/2025-04-??/page*.txt. */
    static List<Path> files(List<String> patterns) throws IOException {
        TreeSet<Path> files = new TreeSet<>();
        for (String pattern : patterns) {
            Path path = Path.of(pattern);
            if (Files.isRegularFile(path)) {
                files.add(path);
            } else if (Files.isDirectory(path)) {
                files.addAll(walk(path, p -> true));
            } else if (pattern.matches(".*[*?\\[{].*")) {
                Path base = globBase(pattern);
                PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
                files.addAll(walk(base, matcher::matches));
            } else {
                throw new java.nio.file.NoSuchFileException(pattern);
            }
        }
        return files.stream().filter(f -> ImportFormat.ofFileName(f.toString()).isPresent()).toList();
    }

    private static List<Path> walk(Path base, java.util.function.Predicate<Path> accept) throws IOException {
        if (!Files.isDirectory(base)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(base)) {
            return walk.filter(Files::isRegularFile).filter(accept).toList();
        }
    }

    /** The directory part of a glob before its first wildcard. */
    private static Path globBase(String pattern) {
        String[] parts = pattern.split("/");
        StringBuilder base = new StringBuilder(pattern.startsWith("/") ? "/" : "");
        for (String part : parts) {
            if (part.isEmpty()) {
                continue;
            }
            if (part.matches(".*[*?\\[{].*")) {
                break;
            }
            base.append(part).append('/');
        }
        return base.length() == 0 ? Path.of(".") : Path.of(base.toString());
    }
}
