package cn.changji.archive.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import cn.changji.archive.failure.ArchiveException;
import cn.changji.archive.index.Reindexer;
import jakarta.enterprise.context.Dependent;

/**
 * {@code reindex} builds the next index of the archive with the mapping in the repository and moves the alias to it
 * without downtime; {@code reindex --delete=INDEX} removes a previous index the alias no longer names. Progress on
 * stderr, the report as JSON on stdout; exit status as the import's (0, 2 refused as asked, 70, 75, 77).
 */
@Dependent
public class ReindexCommand {
    private final Reindexer reindexer;
    private final ObjectMapper mapper;

    ReindexCommand(Reindexer reindexer, ObjectMapper mapper) {
        this.reindexer = reindexer;
        this.mapper = mapper.copy().enable(SerializationFeature.INDENT_OUTPUT);
    }

    public int run(PrintStream out, PrintStream err, String... args) {
        Optional<String> delete = java.util.Arrays.stream(args).filter(a -> a.startsWith("--delete="))
            .map(a -> a.substring("--delete=".length()).strip()).findFirst();
        if (args.length > 1 || (args.length == 1 && delete.isEmpty())) {
            err.println("reindex: usage: reindex | reindex --delete=INDEX");
            return ImportCommand.USAGE;
        }
        try {
            if (delete.isPresent()) {
                reindexer.delete(delete.get());
                err.println("reindex: deleted " + delete.get());
                return ImportCommand.OK;
            }
            Reindexer.Report report = reindexer.reindex(err::println);
            out.println(mapper.writeValueAsString(report));
            return ImportCommand.OK;
        } catch (ArchiveException e) {
            err.println("reindex: " + e.getMessage());
            return ImportCommand.USAGE;
        } catch (IOException | RuntimeException e) {
            return CommandFailure.report(err, "reindex", e, "; the alias is where it was. Run it again: the half-built index "
                + "must be deleted first (reindex --delete=…).", "stopped, the alias is where it was: ", ImportCommand.INTERNAL_ERROR);
        }
    }
}
