package cn.changji.archive.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;

import cn.changji.archive.failure.ArchiveException;
import cn.changji.archive.article.Article;
import cn.changji.archive.index.ArticleIndexer;

/**
 * The articles an import read but Elasticsearch did not take, one JSON object per line: the file and position they
 * came from, the reason, and the article itself, so that {@code import --replay=FILE} can send them again without
 * the source files. Records a file could not even be read as are not here: the import report names those, and only
 * fixing the source helps them.
 */
final class DeadLetterFile {
    private DeadLetterFile() {}

    record Entry(String file, Integer position, String reason, Article article) {}

    /** Writes the file anew with these articles; with none, removes it (nothing is left to replay). */
    static void write(Path path, List<ArticleIndexer.Unindexed> unindexed, ObjectMapper mapper) throws IOException {
        if (unindexed.isEmpty()) {
            Files.deleteIfExists(path);
            return;
        }
        if (path.getParent() != null) {
            Files.createDirectories(path.getParent());
        }
        ObjectWriter oneLine = mapper.writer().without(SerializationFeature.INDENT_OUTPUT);
        Path partial = path.resolveSibling(path.getFileName() + ".partial");
        try (BufferedWriter out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
            for (ArticleIndexer.Unindexed item : unindexed) {
                Article article = item.article();
                out.write(oneLine.writeValueAsString(new Entry(article.source() == null ? null : article.source().file(),
                    article.source() == null ? null : article.source().position(), item.reason(), article)));
                out.write('\n');
            }
        }
        Files.move(partial, path, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
            java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** The articles of a dead-letter file; a line that is not an entry of one is refused with its number. */
    static List<Article> read(Path path, ObjectMapper mapper) throws IOException {
        List<Article> articles = new ArrayList<>();
        List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            Entry entry;
            try {
                entry = mapper.readValue(lines.get(i), Entry.class);
            } catch (JsonProcessingException e) {
                throw ArchiveException.invalid(path + " line " + (i + 1) + " is not a dead-letter entry: "
                    + e.getOriginalMessage());
            }
            if (entry.article() == null || entry.article().id() == null) {
                throw ArchiveException.invalid(path + " line " + (i + 1) + " holds no article with an id.");
            }
            articles.add(entry.article());
        }
        return articles;
    }
}
