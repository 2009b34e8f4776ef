package cn.changji.archive.cli;

import java.io.IOException;
import java.io.PrintStream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import cn.changji.archive.index.IndexBootstrap;
import cn.changji.archive.meaning.VectorFiller;
import cn.changji.archive.meaning.VectorProgress;
import jakarta.enterprise.context.Dependent;

/**
 * {@code vectors} gives every article of the index that has no vector one, in the foreground and at full speed (a
 * service does the same in the background, more slowly): for an index imported before vectors existed, or with the
 * services' background threads switched off. Progress on stderr, the counts as JSON on stdout; interrupted, it goes on
 * where it stopped when run again. Exit status as the import's (0, 2, 70, 75, 77).
 */
@Dependent
public class VectorsCommand {
    private final VectorFiller filler;
    private final IndexBootstrap bootstrap;
    private final ObjectMapper mapper;

    VectorsCommand(VectorFiller filler, IndexBootstrap bootstrap, ObjectMapper mapper) {
        this.filler = filler;
        this.bootstrap = bootstrap;
        this.mapper = mapper.copy().enable(SerializationFeature.INDENT_OUTPUT);
    }

    /** What a run did: vectors stored, and the index's counts after it. */
    public record Report(long stored, long articles, long withVector, long pending, long tookMs) {}

    public int run(PrintStream out, PrintStream err, String... args) {
        if (args.length > 0) {
            err.println("vectors: usage: vectors (it takes no arguments)");
            return ImportCommand.USAGE;
        }
        long start = System.nanoTime();
        try {
            bootstrap.ensureIndex(); // an index made before vectors gets the field here
            long stored = filler.fillAll(err::println);
            VectorProgress after = filler.progress();
            out.println(mapper.writeValueAsString(new Report(stored, after.articles(), after.withVector(), after.pending(),
                (System.nanoTime() - start) / 1_000_000)));
            return ImportCommand.OK;
        } catch (IOException | RuntimeException e) {
            return CommandFailure.report(err, "vectors", e, "; the vectors stored so far are kept: run it again to go on.",
                "stopped (the vectors stored so far are kept): ", ImportCommand.INTERNAL_ERROR);
        }
    }
}
