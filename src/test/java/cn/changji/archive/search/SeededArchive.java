package cn.changji.archive.search;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import cn.changji.archive.testing.Seeds;
import cn.changji.archive.article.Article;
import cn.changji.archive.ingest.ArticleImporter;
import cn.changji.archive.ingest.ImportFormat;
import cn.changji.archive.ingest.TextPageReader;
import io.quarkus.test.junit.QuarkusTestProfile;

/** The seed pages in an index of their own (alias "searchtest"), so other tests' imports never move a ranking. */
public final class SeededArchive implements QuarkusTestProfile {
    static final String ALIAS = "searchtest";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("archive.index.alias", ALIAS);
    }

    private static List<Article> articles;

    /** Imports the seeds once per test run (imports are idempotent anyway) and gives their articles. */
    public static synchronized List<Article> importSeeds(ArticleImporter importer) throws IOException {
        if (articles == null) {
            articles = importAll(importer);
        }
        return articles;
    }

    /** Imports the seeds into the alias of the importer's service, whatever was imported before, and gives their articles. */
    public static List<Article> importAll(ArticleImporter importer) throws IOException {
        List<Article> all = new ArrayList<>();
        for (Path page : Seeds.pages()) {
            ArticleImporter.Upload upload = new ArticleImporter.Upload(page.getFileName().toString(),
                Files.readAllBytes(page), "UTF-8", ImportFormat.TEXT);
            all.addAll(importer.extract(upload, TextPageReader.Stated.NOTHING).articles());
            importer.importFile(upload, TextPageReader.Stated.NOTHING);
        }
        return List.copyOf(all);
    }

    static Article titled(List<Article> articles, String title) {
        return articles.stream().filter(a -> title.equals(a.title())).findFirst()
            .orElseThrow(() -> new AssertionError("no seed article titled " + title));
    }
}
