package cn.changji.archive.ingest;

import java.util.List;

import cn.changji.archive.article.Article;
import cn.changji.archive.article.RejectedRecord;

/** What reading one file gave: the articles, and the records refused on the way. */
public record Extraction(List<Article> articles, List<RejectedRecord> rejected) {
    public static Extraction of(List<Article> articles) {
        return new Extraction(articles, List.of());
    }
}
