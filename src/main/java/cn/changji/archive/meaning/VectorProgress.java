package cn.changji.archive.meaning;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** How far the articles' vectors are, for operators: GET /api/v1/vectors. */
@Schema(description = "How far the articles' vectors (search by meaning) are, and what computes them")
public record VectorProgress(
    @Schema(required = true, enumeration = { "disabled", "waiting_for_index", "filling", "paused_for_import", "up_to_date",
        "unavailable", "failed" }, description = "What this instance's background thread is doing: paused_for_import "
        + "while others write articles, unavailable while Elasticsearch is, failed when the model could not be read")
    String state,
    @Schema(required = true, nullable = true, description = "Why it is in that state, when there is more to say") String detail,
    @Schema(required = true, description = "Articles in the index") long articles,
    @Schema(required = true, description = "Articles with a vector: found by meaning") long withVector,
    @Schema(required = true, description = "Articles still without one: found by their words only, for now") long pending,
    @Schema(required = true, description = "Vectors this instance stored since it started") long computedSinceStart,
    @Schema(required = true, description = "Articles per second over the last batch (the time resting aside)")
    double articlesPerSecond,
    @Schema(required = true, description = "The embedding model", examples = TextEmbedder.MODEL_NAME) String model,
    @Schema(required = true, description = "What of an article its vector is computed from") String text,
    @Schema(required = true, description = "Whether this instance has read the model (at its first vector or query)")
    boolean modelLoaded) {

    static final String TEXT = "kicker, headline and subtitle, then the first " + VectorText.BODY_CHARS
        + " characters of the body";
}
