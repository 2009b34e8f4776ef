package cn.changji.archive.article;

import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One article of the archive: the document indexed, the record ingest produces and search returns. */
@Schema(description = "An article of the Changji Daily archive")
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Article(
    @Schema(description = "Stable id: the same article imported twice gets the same id", examples = "3f2a9c0d1e4b5a67") String id,
    @Schema(examples = "昌吉州与中科院举行科技合作座谈会") String title,
    @Schema(description = "副题", examples = "——昌吉州科技创新工作综述") String subtitle,
    @Schema(description = "引题", examples = "建立“四不两直”督查机制") String kicker,
    @Schema(description = "栏目", examples = "今日点评") String column,
    @Schema(description = "Clean text, paragraphs separated by a blank line") String body,
    @Schema(description = "Date of the issue; null when nothing says it", examples = "2025-04-16") LocalDate publishedOn,
    @Schema(description = "总第N期", examples = "12234") Integer issueNumber,
    @Schema(description = "Page (版)", examples = "1") Integer page,
    List<Byline> bylines,
    @Schema(description = "Every bylined name, de-duplicated", examples = "[\"刘辉\", \"黄杰\"]") List<String> authors,
    @Schema(description = "County-level places the article is about", examples = "[\"木垒哈萨克自治县\"]") List<String> counties,
    @Schema(description = "Industry labels", examples = "[\"新能源\"]") List<String> industries,
    @Schema(description = "news, feature, photo or commentary", examples = "news") String type,
    ArticleSource source) {

    public static final String NEWS = "news";
    public static final String FEATURE = "feature";
    public static final String PHOTO = "photo";
    public static final String COMMENTARY = "commentary";
    public static final List<String> TYPES = List.of(NEWS, FEATURE, PHOTO, COMMENTARY);
}
