package cn.changji.archive.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The five real pages of the paper in seeds/, in file order. */
public final class Seeds {
    public static final Path DIRECTORY = Path.of("seeds");

    private Seeds() {}

    public static List<Path> pages() {
        try (Stream<Path> files = Files.list(DIRECTORY)) {
            return files.filter(f -> f.toString().endsWith(".txt")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + DIRECTORY, e);
        }
    }

    /** The page whose file name starts with this prefix ("000"). */
    public static Path page(String prefix) {
        return pages().stream().filter(p -> p.getFileName().toString().startsWith(prefix + "_")).findFirst()
            .orElseThrow(() -> new AssertionError("no seed page " + prefix + "_*.txt in " + DIRECTORY));
    }
}
