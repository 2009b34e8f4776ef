package cn.changji.archive.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import cn.changji.archive.failure.ArchiveException;
import cn.changji.archive.index.Snapshots;
import jakarta.enterprise.context.Dependent;

/**
 * {@code snapshot --name=NAME} (where {@value #DATE} stands for the time of the run) backs the archive up (the index behind the alias, the alias, the synonyms) into the
 * cluster's snapshot repository; {@code restore --from=NAME} brings a snapshot back where its indices are missing.
 * Progress on stderr, the report as JSON on stdout. Exit status as the import's: 0 done, 1 the snapshot or the
 * restore ended partial or failed, 2 usage error or a restore that would overwrite, 75 Elasticsearch unavailable,
 * 77 credentials or privileges refused (a snapshot needs the cluster privilege create_snapshot, a restore manage).
 */
@Dependent
public class SnapshotCommand {
    /** In a name, the time of the run (UTC), so that a nightly job names each snapshot apart. */
    static final String DATE = "{date}";
    private static final DateTimeFormatter NAME_TIME = DateTimeFormatter.ofPattern("yyyy.MM.dd-HHmm");
    private final Snapshots snapshots;
    private final ObjectMapper mapper;

    SnapshotCommand(Snapshots snapshots, ObjectMapper mapper) {
        this.snapshots = snapshots;
        this.mapper = mapper.copy().enable(SerializationFeature.INDENT_OUTPUT);
    }

    /** {@code command} is snapshot or restore; {@code args} its options. */
    public int run(PrintStream out, PrintStream err, String command, String... args) {
        boolean restore = command.equals("restore");
        String option = restore ? "--from=" : "--name=";
        Optional<String> name = java.util.Arrays.stream(args).filter(a -> a.startsWith(option))
            .map(a -> a.substring(option.length()).strip().replace(DATE, LocalDateTime.now(ZoneOffset.UTC).format(NAME_TIME)))
            .findFirst();
        if (name.isEmpty() || !name.get().matches("[a-z0-9][a-z0-9._-]{0,199}") || args.length != 1) {
            err.println(command + ": usage: " + command + " " + option + "NAME (lower-case letters, digits, '.', '_', '-')");
            return ImportCommand.USAGE;
        }
        try {
            Snapshots.Report report = restore ? snapshots.restore(name.get(), err::println) : snapshots.snapshot(name.get(), err::println);
            out.println(mapper.writeValueAsString(report));
            boolean whole = restore ? !report.state().equals("RED") : report.state().equals("SUCCESS");
            err.printf("%s: %s %s: %s, %d shards (%d failed), %d articles in the archive, %d ms%n", command, restore
                ? "restored" : "snapshot", name.get(), report.state(), report.shards(), report.failedShards(), report.documents(),
                report.tookMs());
            return whole && report.failedShards() == 0 ? ImportCommand.OK : ImportCommand.SOME_FAILED;
        } catch (ArchiveException e) {
            err.println(command + ": " + e.getMessage());
            return ImportCommand.USAGE;
        } catch (IOException | RuntimeException e) {
            return CommandFailure.report(err, command, e, ".", "Elasticsearch refused it: ", ImportCommand.SOME_FAILED);
        }
    }
}
