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

import cn.changji.archive.api.ProblemException;
import cn.changji.archive.api.QueryParams;
import cn.changji.archive.article.RejectedRecord;
import cn.changji.archive.config.ElasticsearchConfig;
import cn.changji.archive.index.ElasticsearchFailures;
import cn.changji.archive.ingest.ArticleImporter;
import cn.changji.archive.ingest.ImportFormat;
import cn.changji.archive.ingest.ImportReport;
import cn.changji.archive.ingest.TextPageReader;
import jakarta.enterprise.context.Dependent;

/**
 * {@code import [--published-on=yyyy-MM-dd] [--issue-number=N] [--page=N] <dir|file|glob>...}: imports every
 * .txt, .html, .json and .ndjson file found, with a progress line per file on stderr and the total report as JSON on
 * stdout. Exit status: 0 all imported, 1 some records or files failed, 2 usage error, 3 Elasticsearch unavailable.
 * Imports are idempotent, so a failed run can simply be run again.
 */
@Dependent
public class ImportCommand {
    static final int OK = 0;
    static final int SOME_FAILED = 1;
    static final int USAGE = 2;
    static final int UNAVAILABLE = 3;

    private final ArticleImporter importer;
    private final ElasticsearchConfig elasticsearch;
    private final ObjectMapper mapper;

    ImportCommand(ArticleImporter importer, ElasticsearchConfig elasticsearch, ObjectMapper mapper) {
        this.importer = importer;
        this.elasticsearch = elasticsearch;
        this.mapper = mapper.copy().enable(SerializationFeature.INDENT_OUTPUT);
    }

    public int run(String... args) {
        return run(System.out, System.err, args);
    }

    /** Runs the import; the report goes to {@code out}, progress and problems to {@code err}. */
    int run(PrintStream out, PrintStream err, String... args) {
        TextPageReader.Stated stated;
        List<String> patterns = new ArrayList<>();
        try {
            stated = options(args, patterns);
        } catch (ProblemException e) {
            err.println("import: " + e.getMessage());
            return USAGE;
        }
        if (patterns.isEmpty()) {
            err.println("Usage: import [--published-on=yyyy-MM-dd] [--issue-number=N] [--page=N] <dir|file|glob>...");
            return USAGE;
        }
        List<Path> files;
        try {
            files = files(patterns);
        } catch (java.nio.file.NoSuchFileException e) {
            err.println("import: no such file or directory: " + e.getMessage());
            return USAGE;
        } catch (IOException e) {
            err.println("import: cannot list " + patterns + ": " + e.getMessage());
            return USAGE;
        }
        if (files.isEmpty()) {
            err.println("import: no .txt, .html, .json or .ndjson file matches " + patterns);
            return USAGE;
        }
        Progress progress = new Progress(err, files.size());
        ImportReport total = new ImportReport(null, null, 0, 0, 0, 0, List.of(), 0);
        int done = 0;
        for (Path file : files) {
            ImportReport report;
            try {
                byte[] bytes = Files.readAllBytes(file);
                ImportFormat format = ImportFormat.ofFileName(file.toString()).orElseThrow();
                report = importer.importFile(new ArticleImporter.Upload(file.toString(), bytes, null, format), stated);
            } catch (ProblemException e) {
                List<RejectedRecord> errors = e.errors() == null || e.errors().isEmpty()
                    ? List.of(RejectedRecord.at(file.toString(), null, e.getMessage()))
                    : e.errors().stream().map(RejectedRecord.class::cast).toList();
                report = failedFile(file, errors);
            } catch (java.nio.file.FileSystemException e) {
                report = failedFile(file, List.of(RejectedRecord.at(file.toString(), null, "cannot read the file: " + e.getMessage())));
            } catch (IOException | RuntimeException e) {
                if (!ElasticsearchFailures.isUnavailable(e)) {
                    throw e instanceof RuntimeException runtime ? runtime : new java.io.UncheckedIOException((IOException) e);
                }
                progress.finish();
                err.printf("import: Elasticsearch at %s is unavailable (%s); %d of %d files imported. "
                    + "Run the import again when it is back: files already imported are left unchanged.%n",
                    elasticsearch.hosts(), ElasticsearchFailures.describe(e), done, files.size());
                print(out, err, total);
                return UNAVAILABLE;
            }
            total = total.plus(report);
            progress.step(file, report);
            done++;
        }
        progress.finish();
        print(out, err, total);
        return total.failed() == 0 ? OK : SOME_FAILED;
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

    private static TextPageReader.Stated options(String[] args, List<String> patterns) {
        String publishedOn = null;
        String issue = null;
        String page = null;
        for (String arg : args) {
            if (arg.startsWith("--published-on=")) {
                publishedOn = arg.substring("--published-on=".length());
            } else if (arg.startsWith("--issue-number=")) {
                issue = arg.substring("--issue-number=".length());
            } else if (arg.startsWith("--page=")) {
                page = arg.substring("--page=".length());
            } else if (arg.startsWith("--")) {
                throw new ProblemException(400, "unknown option " + arg);
            } else {
                patterns.add(arg);
            }
        }
        return new TextPageReader.Stated(QueryParams.date("--published-on", publishedOn),
            QueryParams.positiveInt("--issue-number", issue),
            QueryParams.positiveInt("--page", page));
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
