package cn.changji.archive.ingest;

import java.util.List;

/** What reading one file gave: the articles, and the records refused on the way. */
public record Extraction(List<cn.changji.archive.article.Article> articles, List<RejectedRecord> rejected) {
    public static Extraction of(List<cn.changji.archive.article.Article> articles) {
        return new Extraction(articles, List.of());
    }
}
