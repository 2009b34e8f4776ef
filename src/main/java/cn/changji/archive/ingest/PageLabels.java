package cn.changji.archive.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Column labels and banners printed on pages (data file ingest/page-labels.txt). */
public final class PageLabels {
    private final Map<String, Boolean> labels; // label text without spaces -> is a column

    private PageLabels(Map<String, Boolean> labels) {
        this.labels = labels;
    }

    public static PageLabels load() {
        Map<String, Boolean> labels = new HashMap<>();
        try (InputStream in = PageLabels.class.getResourceAsStream("/ingest/page-labels.txt");
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                int colon = line.indexOf(':');
                String kind = line.substring(0, colon).strip();
                labels.put(key(line.substring(colon + 1)), kind.equals("column"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ingest/page-labels.txt", e);
        }
        return new PageLabels(labels);
    }

    /** A label found on a page: {@code column} is the column name, or null for a banner. */
    public record Label(String column) {}

    /** The label this line is, if it is one. Lines opening with »), » or (>>) are column labels whatever they say. */
    public Optional<Label> match(String line) {
        String text = line.strip();
        String marked = text.replaceFirst("^(»\\)|»|\\(>>\\)|（>>）|>>)\\s*", "");
        if (!marked.equals(text) && !marked.isEmpty() && marked.length() <= 30) {
            return Optional.of(new Label(marked.strip()));
        }
        Boolean column = labels.get(key(text));
        if (column == null) {
            return Optional.empty();
        }
        return Optional.of(new Label(column ? text.replaceAll("\\s+", " ") : null));
    }

    private static String key(String text) {
        return text.replaceAll("\\s+", "").strip();
    }
}
