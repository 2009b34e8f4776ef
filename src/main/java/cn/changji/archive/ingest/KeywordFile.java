package cn.changji.archive.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the editors' data files: "label: word, word, ..." per line (a label may repeat: its words add up), '#' comments. */
final class KeywordFile {
    private KeywordFile() {}

    /** The file at {@code override} if given, else the resource bundled with the service. */
    static Map<String, List<String>> read(String resource, Optional<Path> override) {
        try (InputStream in = override.isPresent() ? Files.newInputStream(override.get())
            : KeywordFile.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " missing from the service's resources");
            }
            return parse(in, override.map(Path::toString).orElse(resource));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + override.map(Path::toString).orElse(resource), e);
        }
    }

    private static Map<String, List<String>> parse(InputStream in, String name) throws IOException {
        Map<String, List<String>> entries = new LinkedHashMap<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            line = line.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException(name + " line " + number + ": expected 'label: word, word', got: " + line);
            }
            List<String> words = new ArrayList<>();
            for (String word : line.substring(colon + 1).split("[,，]")) {
                if (!word.isBlank()) {
                    words.add(word.strip());
                }
            }
            entries.computeIfAbsent(line.substring(0, colon).strip(), label -> new ArrayList<>()).addAll(words);
        }
        return entries;
    }
}
