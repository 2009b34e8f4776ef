package cn.changji.archive.article;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One bylined person and in what role. */
@Schema(description = "A bylined person")
public record Byline(
    @Schema(required = true, examples = "刘茜") String name,
    @Schema(required = true, enumeration = { "reporter", "correspondent", "photographer", "commentator" }, description = "reporter, correspondent, photographer or commentator", examples = "reporter") String role) {

    public static final String REPORTER = "reporter";
    public static final String CORRESPONDENT = "correspondent";
    public static final String PHOTOGRAPHER = "photographer";
    public static final String COMMENTATOR = "commentator";
}
