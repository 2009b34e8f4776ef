package cn.changji.archive.ingest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import cn.changji.archive.article.Article;
import cn.changji.archive.article.RejectedRecord;

/** What an import would index, indexing nothing. Posting it back to /api/v1/articles indexes exactly these articles. */
@Schema(description = "The articles an import would index; nothing is indexed")
public record DryRunAnswer(List<Article> articles, List<RejectedRecord> errors) {}
