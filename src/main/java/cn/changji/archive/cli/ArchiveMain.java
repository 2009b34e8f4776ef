package cn.changji.archive.cli;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.inject.Inject;

/**
 * The service's entry point. Without arguments it serves the API; {@code import <dir|file|glob>...} imports files,
 * {@code snapshot --name=NAME} and {@code restore --from=NAME} back the archive up and bring it back, {@code reindex}
 * moves it to a new index without downtime, {@code vectors} computes the articles' missing vectors, and exit (for a Kubernetes Job or a shell).
 */
@QuarkusMain
public class ArchiveMain implements QuarkusApplication {

    private static final java.util.Set<String> COMMANDS = java.util.Set.of("import", "snapshot", "restore", "reindex", "vectors");

    @Inject
    ImportCommand importCommand;

    @Inject
    SnapshotCommand snapshotCommand;

    @Inject
    ReindexCommand reindexCommand;

    @Inject
    VectorsCommand vectorsCommand;

    public static void main(String... args) {
        if (args.length > 0 && COMMANDS.contains(args[0])) {
            // a one-off command serves no HTTP; a random port keeps it from clashing with a running service
            System.setProperty("quarkus.http.port", "0");
            // stdout carries the report alone
            System.setProperty("quarkus.log.console.stderr", "true");
            // no background vectors in a one-off process (the vectors command computes them in the foreground)
            System.setProperty("archive.vectors.enabled", "false");
        }
        Quarkus.run(ArchiveMain.class, args);
    }

    @Override
    public int run(String... args) {
        if (args.length > 0 && args[0].equals("import")) {
            return importCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length));
        }
        if (args.length > 0 && args[0].equals("reindex")) {
            return reindexCommand.run(System.out, System.err, java.util.Arrays.copyOfRange(args, 1, args.length));
        }
        if (args.length > 0 && args[0].equals("vectors")) {
            return vectorsCommand.run(System.out, System.err, java.util.Arrays.copyOfRange(args, 1, args.length));
        }
        if (args.length > 0 && COMMANDS.contains(args[0])) {
            return snapshotCommand.run(System.out, System.err, args[0], java.util.Arrays.copyOfRange(args, 1, args.length));
        }
        if (args.length > 0) {
            System.err.println("Unknown command '" + args[0] + "'. Usage: java -jar quarkus-run.jar [import <dir|file|glob>... | "
                + "snapshot --name=NAME | restore --from=NAME | reindex [--delete=INDEX] | vectors]");
            return ImportCommand.USAGE;
        }
        Quarkus.waitForExit();
        return 0;
    }
}
