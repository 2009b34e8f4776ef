package cn.changji.archive.cli;

import java.io.PrintStream;
import java.nio.file.Path;

import cn.changji.archive.ingest.ImportReport;

/**
 * Import progress on stderr: a bar redrawn in place on a terminal, one plain line per file otherwise (a Kubernetes
 * Job's log).
 */
final class Progress {
    private static final int WIDTH = 30;

    private final PrintStream err;
    private final int total;
    private final boolean terminal;
    private final long start = System.nanoTime();
    private int done;
    private int articles;
    private int failed;

    Progress(PrintStream err, int total) {
        this.err = err;
        this.total = total;
        this.terminal = System.console() != null;
    }

    void step(Path file, ImportReport report) {
        done++;
        articles += report.indexed() + report.unchanged();
        failed += report.failed();
        String counts = String.format("%d/%d files, %d articles, %d failed", done, total, articles, failed);
        if (terminal) {
            int filled = WIDTH * done / total;
            err.printf("\r[%s%s] %s  %s\u001B[K", "=".repeat(filled), " ".repeat(WIDTH - filled), counts, file.getFileName());
        } else {
            err.printf("import: %s: read %d, indexed %d, unchanged %d, failed %d (%s)%n", file, report.read(),
                report.indexed(), report.unchanged(), report.failed(), counts);
        }
    }

    void finish() {
        if (terminal) {
            err.println();
        }
        err.printf("import: %d of %d files in %.1f s%n", done, total, (System.nanoTime() - start) / 1e9);
    }
}
