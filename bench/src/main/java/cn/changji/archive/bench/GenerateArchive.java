package cn.changji.archive.bench;

import java.nio.file.Path;

/**
 * Writes the synthetic archive alone, for the fault scenarios: {@code GenerateArchive N DIR} puts N articles (ids
 * bench-0 to bench-N-1, the benchmarks' seed) into NDJSON files of 5,000 under DIR.
 */
public final class GenerateArchive {
    private GenerateArchive() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: GenerateArchive <articles> <dir>");
            System.exit(2);
        }
        int articles = Integer.parseInt(args[0]);
        var files = new ArchiveGenerator(Path.of("seeds"), 42).write(Path.of(args[1]), articles, 5000);
        System.err.printf("[generate] %d articles in %d files under %s%n", articles, files.size(), args[1]);
    }
}
