package cn.changji.archive.article;

import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One article of the archive: the document indexed, the record ingest produces and search returns. */
@Schema(description = "An article of the Changji Daily archive")
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Article(
    @Schema(required = true, description = "Stable id: the same article imported twice gets the same id", examples = "3f2a9c0d1e4b5a67") String id,
    @Schema(required = true, nullable = true, description = "Null when the article has only a body", examples = "昌吉州与中科院举行科技合作座谈会") String title,
    @Schema(required = true, nullable = true, description = "副题", examples = "——昌吉州科技创新工作综述") String subtitle,
    @Schema(required = true, nullable = true, description = "引题", examples = "建立“四不两直”督查机制") String kicker,
    @Schema(required = true, nullable = true, description = "栏目", examples = "今日点评") String column,
    @Schema(required = true, nullable = true, description = "Clean text, paragraphs separated by a blank line; null when the article has only a title") String body,
    @Schema(required = true, nullable = true, description = "Date of the issue; null when nothing says it", examples = "2025-04-16") LocalDate publishedOn,
    @Schema(required = true, nullable = true, description = "总第N期; null when unknown", examples = "12234") Integer issueNumber,
    @Schema(required = true, nullable = true, description = "Page (版); null when unknown", examples = "1") Integer page,
    @Schema(required = true) List<Byline> bylines,
    @Schema(required = true, description = "Every bylined name, de-duplicated", examples = "[\"刘辉\", \"黄杰\"]") List<String> authors,
    @Schema(required = true, description = "County-level places the article is about", examples = "[\"木垒哈萨克自治县\"]") List<String> counties,
    @Schema(required = true, description = "Industry labels", examples = "[\"新能源\"]") List<String> industries,
    @Schema(required = true, description = "Companies and institutions the article names, each under its usual name",
        examples = "[\"特变电工\", \"中国科学院\"]") List<String> organizations,
    @Schema(required = true, enumeration = { "news", "feature", "photo", "commentary" }, description = "news, feature, photo or commentary", examples = "news") String type,
    @Schema(required = true, nullable = true, description = "Where the article came from; null for articles indexed without one") ArticleSource source) {

    public static final String NEWS = "news";
    public static final String FEATURE = "feature";
    public static final String PHOTO = "photo";
    public static final String COMMENTARY = "commentary";
    public static final List<String> TYPES = List.of(NEWS, FEATURE, PHOTO, COMMENTARY);
}
