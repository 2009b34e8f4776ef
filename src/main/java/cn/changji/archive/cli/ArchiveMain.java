package cn.changji.archive.cli;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.inject.Inject;

/**
 * The service's entry point. Without arguments it serves the API; {@code import <dir|file|glob>...} imports files
 * and exits (for a Kubernetes Job or a shell).
 */
@QuarkusMain
public class ArchiveMain implements QuarkusApplication {

    @Inject
    ImportCommand importCommand;

    public static void main(String... args) {
        if (args.length > 0 && args[0].equals("import")) {
            // a one-off import serves no HTTP; a random port keeps it from clashing with a running service
            System.setProperty("quarkus.http.port", "0");
            // stdout carries the report alone
            System.setProperty("quarkus.log.console.stderr", "true");
        }
        Quarkus.run(ArchiveMain.class, args);
    }

    @Override
    public int run(String... args) {
        if (args.length > 0 && args[0].equals("import")) {
            return importCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length));
        }
        if (args.length > 0) {
            System.err.println("Unknown command '" + args[0] + "'. Usage: java -jar quarkus-run.jar [import <dir|file|glob>...]");
            return ImportCommand.USAGE;
        }
        Quarkus.waitForExit();
        return 0;
    }
}
