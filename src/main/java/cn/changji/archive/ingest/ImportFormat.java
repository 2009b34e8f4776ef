package cn.changji.archive.ingest;

import java.util.Locale;
import java.util.Optional;

/** The kinds of file an import takes, known by media type or, failing that, by file name. */
public enum ImportFormat {
    TEXT("text"), HTML("html"), JSON("json"), NDJSON("ndjson");

    private final String label;

    ImportFormat(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** By media type (parameters ignored); empty for a generic type such as application/octet-stream. */
    public static Optional<ImportFormat> ofMediaType(String mediaType) {
        if (mediaType == null) {
            return Optional.empty();
        }
        String type = mediaType.split(";")[0].strip().toLowerCase(Locale.ROOT);
        return switch (type) {
            case "text/plain" -> Optional.of(TEXT);
            case "text/html", "application/xhtml+xml" -> Optional.of(HTML);
            case "application/json" -> Optional.of(JSON);
            case "application/x-ndjson", "application/ndjson", "application/jsonl", "application/x-jsonlines" -> Optional.of(NDJSON);
            default -> Optional.empty();
        };
    }

    public static Optional<ImportFormat> ofFileName(String fileName) {
        String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".txt")) {
            return Optional.of(TEXT);
        }
        if (name.endsWith(".html") || name.endsWith(".htm") || name.endsWith(".shtml") || name.endsWith(".xhtml")) {
            return Optional.of(HTML);
        }
        if (name.endsWith(".ndjson") || name.endsWith(".jsonl")) {
            return Optional.of(NDJSON);
        }
        if (name.endsWith(".json")) {
            return Optional.of(JSON);
        }
        return Optional.empty();
    }
}
